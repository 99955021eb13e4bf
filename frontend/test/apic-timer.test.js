import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apicTimerFields } from '../src/apic-timer.js';

test('a state without apic (the APIC at reset) shows no timer fields', () => {
  assert.deepEqual(apicTimerFields(undefined), []);
});

test('a one-shot timer shows its counts in decimal, the divisor in instructions and when it fires', () => {
  const fields = apicTimerFields({
    mode: 'x2apic', tsc: '0xb',
    timer: { mode: 'one-shot', lvt: '0xee', vector: '0xee', masked: false, armed: true, initial_count: '0xf4240',
      current_count: '0xf423e', divisor: 1, deadline: '0x0', fires_at: '0xf424a' },
  });
  assert.deepEqual(fields, [
    ['APIC mode', 'x2APIC (MSRs)'],
    ['TSC', '11 instructions retired'],
    ['Timer', 'one-shot, vector 0xee, armed'],
    ['Timer count', '999998 of 1000000, one count = 1 instruction'],
    ['Timer fires at', 'TSC 1000010'],
  ]);
});

test('a disarmed TSC-deadline timer in xAPIC mode says so, with no firing time', () => {
  const fields = apicTimerFields({
    mode: 'xapic', tsc: '0x10',
    timer: { mode: 'tsc-deadline', lvt: '0x40040', vector: '0x40', masked: false, armed: false, initial_count: '0x0',
      current_count: '0x0', divisor: 2, deadline: '0x0' },
  });
  assert.deepEqual(fields.map(([label]) => label), ['APIC mode', 'TSC', 'Timer', 'TSC deadline']);
  assert.equal(fields[0][1], 'xAPIC (MMIO page at 0xfee00000)');
  assert.equal(fields[3][1], '0 (disarmed)');
});
