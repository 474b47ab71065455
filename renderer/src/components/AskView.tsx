/** The Ask view: who calls and what (the form), then the answer. */
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../stores/app-store';
import { AskAnswer } from './AskAnswer';
import { AskCallerFields } from './AskCallerFields';
import { AskMoreFields } from './AskMoreFields';
import { CallCombobox } from './CallCombobox';

export function AskView() {
  const s = useAppStore(useShallow(st => ({ formError: st.formError, ask: st.ask })));

  return (
    <div className="ask">
      <form
        className="ask-form"
        aria-label="Ask"
        onSubmit={e => {
          e.preventDefault();
          void s.ask();
        }}
      >
        <AskCallerFields />
        <div className="row call-row">
          <CallCombobox onSubmit={() => void s.ask()} />
          <button type="submit" className="primary">
            Ask
          </button>
        </div>
        <AskMoreFields />
        {s.formError && (
          <p className="form-error" role="alert">
            {s.formError}
          </p>
        )}
      </form>
      <AskAnswer />
    </div>
  );
}
