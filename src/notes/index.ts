/** The interviewers' scorecard: a Yjs document, shared over y-webrtc, kept sealed in the vault. The only module that imports yjs and y-webrtc. */
export { scorecardFiles, type TextFile } from './bundle-files';
export { scorecardMarkdown } from './markdown';
export { COMPACT_AT_ROWS, loadInto, persist, type Persistence } from './persistence';
export { ScorecardRoom, type Peer, type PresenceFocus, type PresenceUser, type ScorecardRoomOptions } from './room';
export {
  MAX_FIELD_LENGTH,
  RECOMMENDATIONS,
  Scorecard,
  SCORES,
  type Competency,
  type InterviewerPart,
  type QuestionNotes,
  type Recommendation,
  type ScorecardView,
  type Submission,
} from './scorecard';
export { buildSubmission, submittedScores, verifySubmission } from './submission';
export { bindTextarea, diff } from './text-binding';
export { Doc } from 'yjs';
