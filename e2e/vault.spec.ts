import { expect, test } from './fixtures/browser';
import { createInterview, openWithVault, PASSPHRASE } from './fixtures/interview';

test('first run sets a passphrase with a strength hint and a confirmation', async ({ newParticipant }) => {
  const { page } = await newParticipant();
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Protect this device’s interviews' })).toBeVisible();
  const set = page.getByRole('button', { name: 'Set passphrase' });
  const passphrase = page.getByLabel('Passphrase', { exact: true });
  await passphrase.fill('short');
  await expect(page.getByText('Use at least 10 characters')).toBeVisible();
  await expect(set).toBeDisabled();
  await passphrase.fill('aaaaaaaaaaaa');
  await expect(page.getByText('Strength: weak.')).toBeVisible();
  await passphrase.fill(PASSPHRASE);
  await expect(page.getByText('Strength: strong.')).toBeVisible();
  await page.getByLabel('Confirm passphrase').fill(PASSPHRASE + 'x');
  await expect(page.getByText('The passphrases do not match.')).toBeVisible();
  await expect(set).toBeDisabled();
  await page.getByLabel('Confirm passphrase').fill(PASSPHRASE);
  await set.click();
  await expect(page.getByRole('button', { name: 'Create interview' })).toBeVisible();
});

test('lock, a wrong passphrase, unlock, and locking when idle', async ({ newParticipant }) => {
  const { page } = await newParticipant();
  await page.clock.install();
  await openWithVault(page, '/');
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('heading', { name: 'Unlock Candid' })).toBeVisible();
  await page.getByLabel('Passphrase', { exact: true }).fill('not my passphrase');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByText('Wrong passphrase. Try again.')).toBeVisible();
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('button', { name: 'Create interview' })).toBeVisible();

  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Lock after idle').selectOption('1');
  await page.clock.fastForward('00:50');
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await page.clock.fastForward('00:15');
  await expect(page.getByRole('heading', { name: 'Unlock Candid' })).toBeVisible();
});

test('changing the passphrase keeps every interview and retires the old passphrase', async ({ newParticipant }) => {
  const { page } = await newParticipant();
  await createInterview(page, 'Renata Oduya', 'Surveyor');
  await page.getByRole('link', { name: 'Settings' }).click();
  const newPassphrase = 'a completely different sentence';
  await page.getByLabel('Current passphrase').fill('wrong current passphrase');
  await page.getByLabel('New passphrase', { exact: true }).fill(newPassphrase);
  await page.getByLabel('Confirm new passphrase').fill(newPassphrase);
  await page.getByRole('button', { name: 'Change passphrase' }).click();
  await expect(page.getByText('Wrong passphrase. Try again.')).toBeVisible();
  await page.getByLabel('Current passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Change passphrase' }).click();
  await expect(page.getByText('Passphrase changed.')).toBeVisible();

  await page.getByRole('button', { name: 'Lock' }).click();
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByText('Wrong passphrase. Try again.')).toBeVisible();
  await page.getByLabel('Passphrase', { exact: true }).fill(newPassphrase);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('link', { name: 'Interviews' }).click();
  await expect(page.getByRole('cell', { name: 'Renata Oduya' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Surveyor' })).toBeVisible();
});
