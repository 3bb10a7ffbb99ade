import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/browser';
import { acceptConsent, createInterview, openWithVault, PASSPHRASE, pressJoin } from './fixtures/interview';

/** Every button, field, menu and player on the page has a non-empty accessible name. */
async function expectAllControlsNamed(page: Page): Promise<void> {
  const controls = page.locator('button:visible, input:visible, select:visible, video:visible, progress:visible');
  const count = await controls.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) await expect(controls.nth(i)).toHaveAccessibleName(/\S/);
}

async function setUpVaultInChinese(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: '保护本设备上的面试数据' })).toBeVisible();
  await expectAllControlsNamed(page);
  await page.getByLabel('口令', { exact: true }).fill(PASSPHRASE);
  await expect(page.getByText('强度：强。')).toBeVisible();
  await page.getByLabel('确认口令').fill(PASSPHRASE);
  await page.getByRole('button', { name: '设置口令' }).click();
}

test('the interface follows a Chinese browser and can be switched, and the choice is remembered', async ({ newParticipant }) => {
  const { page } = await newParticipant({ locale: 'zh-CN' });
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await setUpVaultInChinese(page);
  await expect(page.getByRole('heading', { name: '发起面试' })).toBeVisible();
  await expect(page.getByRole('button', { name: '创建面试' })).toBeVisible();
  await expectAllControlsNamed(page);

  await page.getByRole('combobox', { name: '语言' }).selectOption('en');
  await expect(page.getByRole('button', { name: 'Lock' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Unlock Candid' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await openWithVault(page, '/');
  await expect(page.getByRole('button', { name: 'Create interview' })).toBeVisible();
});

test('the call pages are fully labelled in both languages', async ({ newParticipant }) => {
  const interviewer = await newParticipant();
  const candidate = await newParticipant({ locale: 'zh-CN' });
  const { candidateLink } = await createInterview(interviewer.page, 'Mei', 'Teacher');
  await expect(interviewer.page.getByRole('button', { name: 'Copy co-interviewer link' })).toBeVisible();
  await expectAllControlsNamed(interviewer.page);

  await candidate.page.goto(candidateLink);
  await setUpVaultInChinese(candidate.page);
  await expect(candidate.page.getByRole('button', { name: '加入面试' })).toBeVisible();
  await candidate.page.getByRole('combobox', { name: '语言' }).selectOption('en');
  await pressJoin(candidate.page);
  await acceptConsent(candidate.page);
  await expect(candidate.page.getByRole('button', { name: 'Mute' })).toBeVisible();
  await expect(candidate.page.getByRole('status', { name: 'Connection quality' })).toBeVisible();
  await expect(candidate.page.getByRole('status', { name: 'Recording' })).toBeVisible();
  await expectAllControlsNamed(candidate.page);
  await candidate.page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  await expect(candidate.page.getByRole('button', { name: '静音' })).toBeVisible();
  await expect(candidate.page.getByRole('button', { name: '关闭摄像头' })).toBeVisible();
  await expectAllControlsNamed(candidate.page);
});
