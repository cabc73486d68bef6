import { describe, expect, it } from 'vitest';
import { EditorFiles } from '../../src/editor/editor-files.ts';

const files = [
  { name: 'scenario.ts', value: 'run()', readOnly: true },
  { name: 'main.ts', value: 'starter' },
  { name: 'helpers.ts', value: 'help' },
];

describe('EditorFiles', () => {
  it('takes the first editable file as the learner\'s, unless told otherwise', () => {
    expect(new EditorFiles(files).main).toBe('main.ts');
    expect(new EditorFiles(files, 'helpers.ts').main).toBe('helpers.ts');
    expect(new EditorFiles([{ name: 'a.ts', value: '', readOnly: true }]).main).toBe('a.ts');
    expect(() => new EditorFiles([])).toThrow(/no files/);
  });

  it('keeps the current text apart from the starters, and knows which editable files changed', () => {
    const state = new EditorFiles(files);
    state.setValue('main.ts', 'mine');
    state.setValue('scenario.ts', 'changed too, but read-only');
    expect(state.value()).toBe('mine');
    expect(state.starter('main.ts')).toBe('starter');
    expect(state.changedFromStarter()).toEqual(['main.ts']);
    expect(state.changedFromStarter((file) => (file === 'helpers.ts' ? 'edited in the surface' : state.starter(file)))).toEqual(['helpers.ts']);
    expect(state.current().map((f) => f.value)).toEqual(['changed too, but read-only', 'mine', 'help']);
  });

  it('keeps the cursor of the main file only', () => {
    const state = new EditorFiles(files);
    expect(state.moveCursor({ line: 2, column: 3 })).toBe(true);
    state.active = 'scenario.ts';
    expect(state.moveCursor({ line: 9, column: 9 })).toBe(false);
    expect(state.cursor).toEqual({ line: 2, column: 3 });
  });
});
