// The demo faults, switched through the emulator's admin API, seen by stripe-node.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { account, admin, client, pay, shop } from './helpers.mjs';

test('every fault has an explanation', async () => {
  const faults = await admin('GET', '/_emulator/fault_names');
  assert.ok(faults.some((f) => f.name === 'reader_busy'));
  assert.ok(faults.some((f) => f.name === 'lost_capture'));
  for (const f of faults) {
    assert.ok(f.explanation.length > 30, f.name);
  }
});

test('reader busy', async () => {
  const { stripe } = account();
  const { reader } = await shop(stripe);
  const pi = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd', allowed_payment_method_types: ['card_present'] });
  await admin('PUT', `/_emulator/readers/${reader.id}/faults/reader_busy`);
  await assert.rejects(stripe.terminal.readers.processPaymentIntent(reader.id, { payment_intent: pi.id }), { code: 'terminal_reader_busy' });
  await admin('DELETE', `/_emulator/readers/${reader.id}/faults/reader_busy`);
  await stripe.terminal.readers.processPaymentIntent(reader.id, { payment_intent: pi.id });
});

test('lost capture answer: captured all the same', async () => {
  const { id } = account();
  const stripe = client({ stripeAccount: id, maxNetworkRetries: 1 });
  const { reader } = await shop(stripe);
  const held = await pay(stripe, reader.id, { capture_method: 'manual' });
  await admin('PUT', `/_emulator/readers/${reader.id}/faults/lost_capture`);
  try {
    await assert.rejects(stripe.paymentIntents.capture(held.id, {}, { idempotencyKey: `capture-${held.id}` }), { type: 'StripeConnectionError' });
  } finally {
    await admin('DELETE', `/_emulator/readers/${reader.id}/faults/lost_capture`);
  }
  assert.equal((await stripe.paymentIntents.retrieve(held.id)).status, 'succeeded');
});
