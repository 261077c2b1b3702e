// API versions and accounts: the Stripe-Version header decides, Stripe-Account isolates.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { account, client, shop } from './helpers.mjs';

test('endive refuses payment_method_types; older versions take it', async () => {
  const { id } = account();
  const endive = client({ stripeAccount: id });
  await assert.rejects(
    endive.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method_types: ['card_present'] }),
    { code: 'payment_method_types_no_longer_supported', param: 'payment_method_types', statusCode: 400 },
  );
  const dahlia = client({ stripeAccount: id, apiVersion: '2026-08-26.dahlia' });
  const pi = await dahlia.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method_types: ['card_present'] });
  assert.deepEqual(pi.payment_method_types, ['card_present']);
  await assert.rejects(dahlia.paymentIntents.create({ amount: 1000, currency: 'usd', allowed_payment_method_types: ['card_present'] }));
  const till = client({ stripeAccount: id, apiVersion: '2023-10-16' });
  const old = await till.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method_types: ['card_present'] });
  assert.equal(old.capture_method, 'automatic'); // before 2024-04-10
  await assert.rejects(till.paymentIntents.create({ amount: 1000, currency: 'usd', allowed_payment_method_types: ['card'] }), { code: 'parameter_unknown' });
});

test('an unknown version is refused', async () => {
  await assert.rejects(client({ apiVersion: '2025-09-30.acacia' }).paymentIntents.list(), { message: /Invalid Stripe API version: 2025-09-30.acacia/ });
});

test('one account never sees another', async () => {
  const a = account();
  const b = account();
  const { reader } = await shop(a.stripe);
  const pi = await a.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', allowed_payment_method_types: ['card_present'] });
  await assert.rejects(b.stripe.paymentIntents.retrieve(pi.id), { code: 'resource_missing' });
  await assert.rejects(b.stripe.terminal.readers.retrieve(reader.id), { code: 'resource_missing' });
  await assert.rejects(client().paymentIntents.retrieve(pi.id), { code: 'resource_missing' });
  assert.equal((await b.stripe.paymentIntents.list()).data.length, 0);
  await assert.rejects(client({ stripeAccount: 'not-an-account' }).paymentIntents.list(), { code: 'account_invalid', statusCode: 403 });
});

test('idempotent replays, per account', async () => {
  const a = account();
  const params = { amount: 1000, currency: 'usd', allowed_payment_method_types: ['card_present'] };
  const first = await a.stripe.paymentIntents.create(params, { idempotencyKey: 'order-1' });
  const again = await a.stripe.paymentIntents.create(params, { idempotencyKey: 'order-1' });
  assert.equal(again.id, first.id);
  await assert.rejects(a.stripe.paymentIntents.create({ ...params, amount: 2000 }, { idempotencyKey: 'order-1' }), { type: 'StripeIdempotencyError' });
  const other = await account().stripe.paymentIntents.create(params, { idempotencyKey: 'order-1' });
  assert.notEqual(other.id, first.id);
});

test('reader action api_error: the decline at the SDK version, no key at 2023-10-16', async () => {
  const { stripe, id } = account();
  const { reader } = await shop(stripe);
  const pi = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
  const started = await stripe.terminal.readers.processPaymentIntent(reader.id, { payment_intent: pi.id });
  assert.equal(started.action.api_error, null);
  const failed = await stripe.testHelpers.terminal.readers.presentPaymentMethod(reader.id, { card_present: { number: '4000000000009995' } });
  const e = failed.action.api_error;
  assert.deepEqual([e.type, e.code, e.decline_code, e.message], ['card_error', 'card_declined', 'insufficient_funds', failed.action.failure_message]);
  const old = client({ apiVersion: '2023-10-16', stripeAccount: id });
  assert.equal('api_error' in (await old.terminal.readers.retrieve(reader.id)).action, false);
});

test('invoice: null on PaymentIntents and charges before 2025-03-31.basil, no key from it', async () => {
  const { stripe, id } = account({ apiVersion: '2025-03-31.basil' });
  const { reader } = await shop(stripe);
  const created = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
  await stripe.terminal.readers.processPaymentIntent(reader.id, { payment_intent: created.id });
  await stripe.testHelpers.terminal.readers.presentPaymentMethod(reader.id);
  const paid = await stripe.paymentIntents.retrieve(created.id, { expand: ['latest_charge'] });
  assert.equal('invoice' in paid, false);
  assert.equal('invoice' in paid.latest_charge, false);
  const old = client({ apiVersion: '2023-10-16', stripeAccount: id });
  const pi = await old.paymentIntents.retrieve(paid.id, { expand: ['latest_charge'] });
  assert.equal(pi.invoice, null);
  assert.equal(pi.latest_charge.invoice, null);
  const [charge] = (await old.charges.list({ payment_intent: paid.id })).data;
  assert.equal('invoice' in charge && charge.invoice === null, true);
});
