export interface NoticeAction {
  label: string;
  run(): void;
}

/**
 * One message above the editor, with buttons when the learner has a choice (another tab's
 * draft, undoing a Reset). A polite live region: read out, never stealing focus.
 */
export class EditorNotice {
  private readonly element: HTMLElement;

  constructor(element: HTMLElement) {
    this.element = element;
    element.setAttribute('role', 'status');
  }

  /** The tone of the message shown, or undefined when none is. */
  get tone(): string | undefined {
    return this.element.hidden ? undefined : this.element.dataset.tone;
  }

  show(message: string, actions: NoticeAction[] = [], tone: 'info' | 'warn' | 'error' = 'info'): void {
    const text = document.createElement('span');
    text.className = 'code-editor__notice-text';
    text.textContent = message;
    const buttons = actions.map((action) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'button code-editor__notice-button';
      button.textContent = action.label;
      button.addEventListener('click', () => action.run());
      return button;
    });
    this.element.dataset.tone = tone;
    this.element.replaceChildren(text, ...buttons);
    this.element.hidden = false;
  }

  hide(): void {
    this.element.hidden = true;
    delete this.element.dataset.tone;
    this.element.replaceChildren();
  }
}
