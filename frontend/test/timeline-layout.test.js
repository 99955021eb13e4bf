import { test } from 'node:test';
import assert from 'node:assert/strict';
import './vocabulary-fixture.js';
import {
  createView, columnsThatFit, stepToX, xToStep, visibleRange, follow, scrollBy, resize, zoom, ticks,
  markers, markersInRange, eventTitle, overviewBuckets, overviewWindow, overviewToStep, rowAt, laneTop, lanesHeight,
  fittingColumnWidth, labelWidthFor, initialView, geometryFor, whereTop, frameTop, fitText,
} from '../src/timeline-layout.js';

const view = (over = {}) => createView({ total: 1000, width: 112 + 16 * 20, labelWidth: 112, columnWidth: 16, ...over });

test('fits as many whole columns as the width right of the labels allows', () => {
  assert.equal(columnsThatFit(view()), 20);
  assert.equal(columnsThatFit(view({ width: 100 })), 1);
});

test('places step columns right of the label gutter, from the first visible step', () => {
  const v = view({ first: 10 });
  assert.equal(stepToX(10, v), 112);
  assert.equal(stepToX(12, v), 144);
});

test('maps x back to the step under it, and the gutter to no step', () => {
  const v = view({ first: 10 });
  assert.equal(xToStep(112, v), 10);
  assert.equal(xToStep(143, v), 11);
  assert.equal(xToStep(50, v), -1);
});

test('shows only the steps that fit, never past the end of the run', () => {
  assert.deepEqual(visibleRange(view({ first: 100 })), { from: 100, to: 120 });
  assert.deepEqual(visibleRange(view({ total: 5 })), { from: 0, to: 5 });
  assert.deepEqual(visibleRange(view({ first: 995 })), { from: 980, to: 1000 });
});

test('keeps the view still while the current step is inside it', () => {
  const v = view({ first: 100 });
  assert.equal(follow(v, 110), v);
});

test('scrolls to keep a margin of columns around the current step', () => {
  assert.equal(follow(view({ first: 100 }), 119).first, 103);
  assert.equal(follow(view({ first: 100 }), 100).first, 97);
  assert.equal(follow(view({ first: 100 }), 500).first, 484);
  assert.equal(follow(view({ first: 100 }), 0).first, 0);
});

test('stops scrolling at either end of the run', () => {
  assert.equal(scrollBy(view(), -50).first, 0);
  assert.equal(scrollBy(view(), 5000).first, 980);
});

test('keeps the first step when the canvas is resized, within the run', () => {
  assert.equal(resize(view({ first: 500 }), { width: 112 + 16 * 40 }).first, 500);
  assert.equal(resize(view({ first: 975 }), { width: 112 + 16 * 40 }).first, 960);
});

test('zooms around the anchor step and keeps columns between 1 and 160 pixels', () => {
  const v = view({ first: 100 });
  const wider = zoom(v, 2, 110);
  assert.equal(wider.columnWidth, 32);
  assert.equal(wider.first, 105);
  assert.equal(zoom(v, 100, 110).columnWidth, 160);
  assert.equal(zoom(v, 0.01, 110).columnWidth, 1);
});

test('a zoom factor too small to change the width by rounding still moves it one pixel', () => {
  assert.equal(zoom(view(), 1.02, 5).columnWidth, 17);
  assert.equal(zoom(view(), 1 / 1.02, 5).columnWidth, 15);
});

test('labels every 5th step when columns are 16 pixels wide', () => {
  assert.deepEqual(ticks(view({ first: 3 })), [5, 10, 15, 20]);
});

test('labels every step when columns are wide enough', () => {
  assert.deepEqual(ticks(view({ columnWidth: 64, width: 112 + 64 * 3 })), [0, 1, 2]);
});

test('gives every event a marker with a letter and a shape, in step order', () => {
  const list = markers([
    { step: 9, type: 'irq', vector: 0xaa, at: '0x40100b' },
    { step: 7, type: 'db', at: '0x40100b', label: 'fep_sti_start', dr6: '0xffff4ff0', cause: ['BS'] },
  ]);
  assert.deepEqual(list.map((m) => [m.step, m.letter, m.shape]), [[7, 'D', 'square'], [9, 'I', 'circle']]);
  assert.equal(list[0].title, '#DB at 0x40100b (fep_sti_start), DR6 0xffff4ff0 (BS)');
  assert.equal(list[1].title, 'IRQ 0xaa at 0x40100b');
});

test('names VM exits by reason and host exits by exit name', () => {
  assert.equal(eventTitle({ type: 'vmexit', reason: 'hlt' }), 'VM exit (hlt)');
  assert.equal(eventTitle({ type: 'exit_to_host', exit: 'KVM_EXIT_DEBUG', pc: '0x1' }), 'KVM_EXIT_DEBUG: pc 0x1');
});

test('finds the markers inside a window of steps', () => {
  const list = [{ step: 1 }, { step: 5 }, { step: 9 }, { step: 12 }];
  assert.deepEqual(markersInRange(list, 5, 12).map((m) => m.step), [5, 9]);
  assert.deepEqual(markersInRange(list, 13, 20), []);
});

test('shades each overview pixel by the share of its steps where the lane is on', () => {
  const runs = [{ start: 0, end: 5, value: true }, { start: 5, end: 20, value: false }];
  assert.deepEqual(overviewBuckets(runs, 20, 20, 4), [1, 0, 0, 0]);
  const partly = [{ start: 0, end: 3, value: true }, { start: 3, end: 10, value: false }];
  assert.deepEqual(overviewBuckets(partly, 10, 10, 4), [1, 1 / 3, 0, 0]);
});

test('leaves overview pixels empty past the steps received so far', () => {
  const runs = [{ start: 0, end: 10, value: true }];
  assert.deepEqual(overviewBuckets(runs, 40, 10, 4), [1, null, null, null]);
});

test('marks the visible window on the overview and maps a click back to a step', () => {
  const v = view({ first: 500 });
  assert.deepEqual(overviewWindow(v, 1000), { x: 500, w: 20 });
  assert.equal(overviewToStep(250, 1000, 1000), 250);
  assert.equal(overviewToStep(5000, 1000, 1000), 999);
});

test('stacks the marker row, the step numbers and then the lanes from the top', () => {
  assert.deepEqual(rowAt(5, 3), { row: 'marker' });
  assert.deepEqual(rowAt(30, 3), { row: 'tick' });
  assert.deepEqual(rowAt(laneTop(2) + 1, 3), { row: 'lane', lane: 2 });
  assert.equal(rowAt(laneTop(3) + 1, 3), null);
  assert.equal(lanesHeight(3), laneTop(3) + 2);
});

test('lets a short run fill the canvas (a 10-step run too), and starts a long one at 16 pixels', () => {
  assert.equal(fittingColumnWidth(23, 118 + 23 * 40, 118), 40);
  assert.equal(fittingColumnWidth(10, 1330, 118), 121);
  assert.equal(fittingColumnWidth(5, 2000, 118), 160);
  assert.equal(fittingColumnWidth(1_000_000, 1400, 118), 16);
});

test('uses a narrower label gutter on a phone', () => {
  assert.equal(labelWidthFor(360), 96);
  assert.equal(labelWidthFor(1400), 118);
  assert.equal(initialView(23, 360).labelWidth, 96);
});

test('puts the where track and its frame rows between the step numbers and the lanes', () => {
  const g = geometryFor({ where: true, frameRows: 2 });
  // markers 22 px, their label line 13, step numbers 18, then the where track (20) and frames (16 each)
  assert.equal(whereTop(g), 53);
  assert.equal(frameTop(0, g), 73);
  assert.equal(laneTop(0, g), 105);
  assert.deepEqual(rowAt(30, 3, g), { row: 'marker' }, 'the label line belongs to the markers');
  assert.deepEqual(rowAt(40, 3, g), { row: 'tick' });
  assert.deepEqual(rowAt(58, 3, g), { row: 'where' });
  assert.deepEqual(rowAt(90, 3, g), { row: 'frame', depth: 1 });
  assert.deepEqual(rowAt(106, 3, g), { row: 'lane', lane: 0 });
  assert.equal(geometryFor({ where: true, frameRows: 30 }).frameRows, 4);
  assert.equal(laneTop(0, geometryFor()), laneTop(0));
});

test('fits the longest name that fits a slice, else cuts the shortest short, else nothing', () => {
  const measure = (t) => t.length * 10;
  const names = ['#DB at fep_sti_start → db_handler', '#DB → db_handler', '#DB'];
  assert.equal(fitText(names, 400, measure), names[0]);
  assert.equal(fitText(names, 200, measure), names[1]);
  assert.equal(fitText(names, 40, measure), '#DB');
  assert.equal(fitText(['db_handler'], 56, measure), 'db_h…');
  assert.equal(fitText(['db_handler'], 10, measure), '');
});
