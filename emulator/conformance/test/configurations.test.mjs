// Terminal configurations, and the tip screen they decide.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { account, all, pay, shop } from './helpers.mjs';

test('configurations: create, retrieve, update, list, delete', async () => {
  const { stripe } = account();
  const [def] = await all(stripe.terminal.configurations.list({ is_account_default: true }));
  assert.equal(def.is_account_default, true);
  const conf = await stripe.terminal.configurations.create({
    name: 'Bar',
    tipping: { usd: { percentages: [15, 18, 20], smart_tip_threshold: 1000, fixed_amounts: [100, 200, 300] } },
    bbpos_wisepos_e: { splashscreen: 'file_SplashBar' },
    offline: { enabled: true },
    reboot_window: { start_hour: 3, end_hour: 5 },
  });
  assert.deepEqual(conf.tipping.usd.percentages, [15, 18, 20]);
  assert.equal(conf.bbpos_wisepos_e.splashscreen, 'file_SplashBar');
  assert.equal((await stripe.terminal.configurations.retrieve(conf.id)).offline.enabled, true);
  const updated = await stripe.terminal.configurations.update(conf.id, { name: 'Bar 2', offline: { enabled: false } });
  assert.equal(updated.name, 'Bar 2');
  assert.equal(updated.offline.enabled, false);
  assert.equal((await all(stripe.terminal.configurations.list())).length, 2);
  assert.equal((await stripe.terminal.configurations.del(conf.id)).deleted, true);
  assert.equal((await stripe.terminal.configurations.retrieve(conf.id)).deleted, true);
});

test('amount_tip counts only where the configuration shows a tip screen', async () => {
  const { stripe } = account();
  const { location, reader } = await shop(stripe);
  const untipped = await pay(stripe, reader.id, { capture_method: 'manual' }, { amount_tip: 200 });
  assert.equal(untipped.amount, 1000, 'no tipping configured: the tip is ignored');

  const tips = await stripe.terminal.configurations.create({ tipping: { usd: { percentages: [10, 15, 20] } } });
  await stripe.terminal.locations.update(location.id, { configuration_overrides: tips.id });
  const tipped = await pay(stripe, reader.id, { capture_method: 'manual' }, { amount_tip: 200 });
  assert.equal(tipped.amount, 1200);
  assert.equal(tipped.amount_details.tip.amount, 200);

  const pi = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd', allowed_payment_method_types: ['card_present'] });
  await stripe.terminal.readers.processPaymentIntent(reader.id, { payment_intent: pi.id, process_config: { skip_tipping: true } });
  await stripe.testHelpers.terminal.readers.presentPaymentMethod(reader.id, { amount_tip: 200 });
  assert.equal((await stripe.paymentIntents.retrieve(pi.id)).amount, 1000, 'skip_tipping: the tip is ignored');
});
