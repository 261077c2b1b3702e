// SetupIntents: a card saved on the reader without charging it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { account, all, shop } from './helpers.mjs';

test('a card is saved on the reader for a customer', async () => {
  const { stripe } = account();
  const { reader } = await shop(stripe);
  const si = await stripe.setupIntents.create({ allowed_payment_method_types: ['card_present'], customer: 'cus_Jenny', metadata: { till: '1' } });
  assert.equal(si.status, 'requires_payment_method');
  assert.equal((await stripe.setupIntents.update(si.id, { description: 'loyalty card' })).description, 'loyalty card');
  await assert.rejects(stripe.terminal.readers.processSetupIntent(reader.id, { setup_intent: si.id }), { code: 'parameter_missing', param: 'allow_redisplay' });
  let r = await stripe.terminal.readers.processSetupIntent(reader.id, { setup_intent: si.id, allow_redisplay: 'always' });
  assert.equal(r.action.type, 'process_setup_intent');
  r = await stripe.testHelpers.terminal.readers.presentPaymentMethod(reader.id, { card_present: { number: '4000056655665556' } });
  assert.equal(r.action.status, 'succeeded');
  const done = await stripe.setupIntents.retrieve(si.id, { expand: ['latest_attempt'] });
  assert.equal(done.status, 'succeeded');
  assert.equal(done.payment_method, r.action.process_setup_intent.generated_card);
  assert.equal(done.latest_attempt.payment_method_details.card_present.generated_card, done.payment_method);
  const card = await stripe.paymentMethods.retrieve(done.payment_method);
  assert.equal(card.card.funding, 'debit');
  assert.equal(card.customer, 'cus_Jenny');
  const attempts = await all(stripe.setupAttempts.list({ setup_intent: si.id }));
  assert.equal(attempts.length, 1);
  assert.deepEqual((await all(stripe.setupIntents.list({ customer: 'cus_Jenny' }))).map((s) => s.id), [si.id]);
});

test('an error card fails the setup; the SetupIntent is canceled', async () => {
  const { stripe } = account();
  const { reader } = await shop(stripe);
  const si = await stripe.setupIntents.create({ allowed_payment_method_types: ['card_present'] });
  await stripe.terminal.readers.processSetupIntent(reader.id, { setup_intent: si.id, allow_redisplay: 'limited' });
  const r = await stripe.testHelpers.terminal.readers.presentPaymentMethod(reader.id, { card_present: { number: '4000000000000002' } });
  assert.equal(r.action.status, 'failed');
  assert.equal((await stripe.setupIntents.retrieve(si.id)).last_setup_error.code, 'setup_intent_authentication_failure');
  const canceled = await stripe.setupIntents.cancel(si.id, { cancellation_reason: 'abandoned' });
  assert.equal(canceled.status, 'canceled');
});
