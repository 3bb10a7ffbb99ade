/** A line of the help chat between candidate and interviewer. */
export interface ChatEntry {
  id: string;
  text: string;
  /** When it arrived here. */
  at: number;
  from: 'candidate' | 'interviewer';
}
