import type { Cashier } from '../../register/cashier.js';
import { moneyChars } from '../state/text-field.js';
import { say } from '../text.js';
import { useUi } from '../ui-context.js';
import { ScreenFrame } from '../components/screen-frame.js';
import { PromptDialog } from '../components/prompt-dialog.js';

/** No shift is open on this register: the cashier counts the drawer and opens one. */
export function OpenShiftScreen({
  cashier,
  openShift,
  onCancel,
}: {
  cashier: Cashier;
  /** Throws to keep the screen with the error shown. */
  openShift(typed: string): void;
  onCancel(): void;
}) {
  const { lang } = useUi();
  return (
    <ScreenFrame scopes={['dialog']} notice={null}>
      <PromptDialog
        title={say(lang, 'ui.shift.title', { cashier: cashier.name })}
        label={say(lang, 'ui.shift.openingCash')}
        field={{ accept: moneyChars, maxLength: 16 }}
        onSubmit={openShift}
        onCancel={onCancel}
      />
    </ScreenFrame>
  );
}
