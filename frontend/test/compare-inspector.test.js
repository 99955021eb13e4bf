import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspectorRows } from '../src/compare-inspector.js';

const step = (over = {}) => ({
  index: 35, kind: 'host', rip: '0x40101c', label: 'fep_sti_end', text: 'kvm_check_and_inject_events',
  why: 'KVM injects the queued #DB.', held: [], rule: 'KVM_CHECK_AND_INJECT_EVENTS',
  state: { rflags: '0x302', tf: true, if: true, shadow: 'sti', pending_db: '0x0', irr: [], regs: { rsp: '0x800000' },
    vmcs: { pending_dbg: '0x4000', interruptibility: '0x1' } },
  ...over,
});

test('marks the fields whose values differ, and only those', () => {
  const b = step({ state: { ...step().state, vmcs: { pending_dbg: '0x0', interruptibility: '0x1' } }, why: 'KVM leaves BS 0.' });
  const rows = inspectorRows(step(), b);
  const differs = rows.filter((r) => r.differs).map((r) => r.name);
  assert.deepEqual(differs, ['vmcs.pending_dbg', 'why']);
  const row = rows.find((r) => r.name === 'vmcs.pending_dbg');
  assert.equal(row.a, '0x4000');
  assert.equal(row.b, '0x0');
});

test('code moved to another address but at the same label is not a difference', () => {
  const rows = inspectorRows(step({ rip: '0x401019', label: 'db_handler' }), step({ rip: '0x40101e', label: 'db_handler' }));
  assert.equal(rows.find((r) => r.name === 'rip').differs, false);
});

test('a run without a step at the row marks nothing, and a field only one run has is not marked', () => {
  assert.equal(inspectorRows(step(), null).some((r) => r.differs), false);
  const bare = step({ state: { ...step().state, vmcs: undefined } });
  assert.equal(inspectorRows(step(), bare).find((r) => r.name === 'vmcs.pending_dbg').differs, false);
});

test('registers are listed only where they differ', () => {
  const b = step({ state: { ...step().state, regs: { rsp: '0x7fffd8' } } });
  assert.deepEqual(inspectorRows(step(), step()).filter((r) => r.name.startsWith('regs.')), []);
  assert.deepEqual(inspectorRows(step(), b).filter((r) => r.name.startsWith('regs.')).map((r) => r.differs), [true]);
});
