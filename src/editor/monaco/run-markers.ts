import { editor, MarkerSeverity } from 'monaco-editor/editor';
import type { RunError } from '../../../sandboxes/wire/protocol.ts';

const OWNER = 'course-run';

/**
 * The errors of the last Run, marked where they happened: a squiggle from the position to the
 * end of the word (hover shows the message, F8 goes there) and a tinted line. Syntax errors
 * are left out: TypeScript's own markers already show them, at the same place.
 */
export class RunMarkers {
  private readonly decorations: editor.IEditorDecorationsCollection;
  private readonly models: () => Map<string, editor.ITextModel>;
  private readonly codeEditor: editor.IStandaloneCodeEditor;
  private errors: RunError[] = [];

  constructor(codeEditor: editor.IStandaloneCodeEditor, models: () => Map<string, editor.ITextModel>) {
    this.codeEditor = codeEditor;
    this.models = models;
    this.decorations = codeEditor.createDecorationsCollection();
  }

  set(errors: RunError[]): void {
    // TypeScript's own markers show a .ts file's syntax errors; a YAML file has no such service.
    this.errors = errors.filter((e) => e.at && (e.kind !== 'compile' || !e.at.file.endsWith('.ts')));
    for (const [file, model] of this.models()) {
      editor.setModelMarkers(
        model,
        OWNER,
        this.errors.filter((e) => e.at!.file === file).map((e) => this.marker(model, e)),
      );
    }
    this.refresh();
  }

  /** Line tints belong to the shown model; called again when another file is shown. */
  refresh(): void {
    const model = this.codeEditor.getModel();
    const file = [...this.models()].find(([, m]) => m === model)?.[0];
    this.decorations.set(
      this.errors
        .filter((e) => e.at!.file === file && model && e.at!.line <= model.getLineCount())
        .map((e) => ({
          range: { startLineNumber: e.at!.line, startColumn: 1, endLineNumber: e.at!.line, endColumn: 1 },
          options: { isWholeLine: true, className: 'code-editor__run-error-line', linesDecorationsClassName: 'code-editor__run-error-gutter' },
        })),
    );
  }

  private marker(model: editor.ITextModel, error: RunError): editor.IMarkerData {
    const line = Math.min(error.at!.line, model.getLineCount());
    const maxColumn = model.getLineMaxColumn(line);
    const column = Math.min(error.at!.column, maxColumn);
    const word = model.getWordAtPosition({ lineNumber: line, column });
    const endColumn = word && word.startColumn <= column ? word.endColumn : maxColumn;
    return {
      // A Collector configuration's warnings (a component defined and never used) are not errors.
      severity: error.name === 'Warning' ? MarkerSeverity.Warning : MarkerSeverity.Error,
      source: error.at!.file.endsWith('.ts') ? 'last Run' : 'last Check',
      message: `${error.name}: ${error.message}`,
      startLineNumber: line,
      startColumn: column,
      endLineNumber: line,
      endColumn: Math.max(endColumn, column + 1),
    };
  }
}
