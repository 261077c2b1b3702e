// Terminal readers, locations, connection tokens, reader display, cancel_action,
// in-person (Interac) refunds and input collection.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { account, all, shop } from './helpers.mjs';

test('locations: create, retrieve, update, list, delete', async () => {
  const { stripe } = account();
  const loc = await stripe.terminal.locations.create({ display_name: 'Front', address: { line1: '1 Congress Ave', city: 'Austin', state: 'TX', postal_code: '78701', country: 'US' }, metadata: { n: '1' } });
  assert.equal((await stripe.terminal.locations.retrieve(loc.id)).display_name, 'Front');
  const updated = await stripe.terminal.locations.update(loc.id, { display_name: 'Front desk', phone: '+15555550100' });
  assert.equal(updated.display_name, 'Front desk');
  assert.deepEqual((await all(stripe.terminal.locations.list())).map((l) => l.id), [loc.id]);
  assert.equal((await stripe.terminal.locations.del(loc.id)).deleted, true);
  assert.equal((await stripe.terminal.locations.retrieve(loc.id)).deleted, true);
  await assert.rejects(stripe.terminal.locations.del(loc.id), { code: 'resource_missing' });
});

test('readers: register, label, list, update, delete', async () => {
  const { stripe } = account();
  const { location, reader } = await shop(stripe, 'simulated-s700');
  assert.equal(reader.label, 'simulated-s700'); // registered without a label
  assert.equal(reader.device_type, 'simulated_stripe_s700');
  assert.equal(reader.status, 'online');
  await assert.rejects(stripe.terminal.readers.create({ registration_code: 'cool-cyan-fox', location: location.id }), { param: 'registration_code' });
  const renamed = await stripe.terminal.readers.update(reader.id, { label: 'Till 2', metadata: { lane: '2' } });
  assert.equal(renamed.label, 'Till 2');
  const listed = await all(stripe.terminal.readers.list({ location: location.id, status: 'online', expand: ['data.location'] }));
  assert.deepEqual(listed.map((r) => [r.id, r.location.id]), [[reader.id, location.id]]);
  assert.equal((await stripe.terminal.readers.del(reader.id)).deleted, true);
  // Stripe answers a deleted reader with its deleted form (Reader | DeletedReader).
  const gone = await stripe.terminal.readers.retrieve(reader.id);
  assert.deepEqual([gone.id, gone.deleted, gone.device_type], [reader.id, true, 'simulated_stripe_s700']);
});

test('connection tokens', async () => {
  const { stripe } = account();
  const { location } = await shop(stripe);
  const token = await stripe.terminal.connectionTokens.create({ location: location.id });
  assert.match(token.secret, /^pst_test_/);
  assert.equal(token.location, location.id);
  await assert.rejects(stripe.terminal.connectionTokens.create({ location: 'tml_nope' }), { code: 'resource_missing' });
});

test('reader display, read back, and cancel_action', async () => {
  const { stripe } = account();
  const { reader } = await shop(stripe);
  const cart = { currency: 'usd', line_items: [{ description: 'Tea', amount: 450, quantity: 2 }], tax: 72, total: 972 };
  await stripe.terminal.readers.setReaderDisplay(reader.id, { type: 'cart', cart });
  const shown = await stripe.terminal.readers.retrieve(reader.id);
  assert.equal(shown.action.type, 'set_reader_display');
  assert.deepEqual(shown.action.set_reader_display.cart, cart);
  const cleared = await stripe.terminal.readers.cancelAction(reader.id);
  assert.equal(cleared.action, null);
  await assert.rejects(stripe.terminal.readers.cancelAction(reader.id), { type: 'StripeInvalidRequestError' });
});

test('Interac is refunded on the reader, with the customer present', async () => {
  const { stripe } = account();
  const { reader } = await shop(stripe);
  const pi = await stripe.paymentIntents.create({ amount: 3000, currency: 'cad', allowed_payment_method_types: ['interac_present'] });
  assert.deepEqual(pi.payment_method_types, ['interac_present']);
  await stripe.terminal.readers.processPaymentIntent(reader.id, { payment_intent: pi.id });
  await stripe.testHelpers.terminal.readers.presentPaymentMethod(reader.id, { type: 'interac_present', interac_present: { number: '4506445006931933' } });
  await assert.rejects(stripe.refunds.create({ payment_intent: pi.id }), { param: 'charge' });
  await stripe.terminal.readers.refundPayment(reader.id, { payment_intent: pi.id, amount: 1000, refund_payment_config: { enable_customer_cancellation: true } });
  const r = await stripe.testHelpers.terminal.readers.presentPaymentMethod(reader.id, { type: 'interac_present' });
  assert.equal(r.action.status, 'succeeded');
  const refund = await stripe.refunds.retrieve(r.action.refund_payment.refund);
  assert.equal(refund.amount, 1000);
  assert.equal(refund.status, 'succeeded');
});

test('collect_inputs with the simulated customer', async () => {
  const { stripe } = account();
  const { reader } = await shop(stripe);
  const inputs = [
    { type: 'email', custom_text: { title: 'Email for the receipt' }, required: true },
    { type: 'selection', custom_text: { title: 'Bag?' }, selection: { choices: [{ id: 'yes', text: 'Yes', style: 'primary' }, { id: 'no', text: 'No' }] } },
  ];
  let r = await stripe.terminal.readers.collectInputs(reader.id, { inputs, metadata: { order: 'o-5' } });
  assert.equal(r.action.status, 'in_progress');
  r = await stripe.testHelpers.terminal.readers.succeedInputCollection(reader.id);
  assert.equal(r.action.status, 'succeeded');
  assert.ok(r.action.collect_inputs.inputs[0].email.value.includes('@'));
  assert.equal(r.action.collect_inputs.inputs[1].selection.id, 'yes');
  await stripe.terminal.readers.collectInputs(reader.id, { inputs });
  r = await stripe.testHelpers.terminal.readers.timeoutInputCollection(reader.id);
  assert.equal(r.action.status, 'failed');
});
