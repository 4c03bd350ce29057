import type { Unit } from '../../../src/shared/quantity';
import { useLang, useT } from '../i18n';
import { quantityText } from '../storefront/catalog';

/**
 * − 0,25 kg +: a quantity in the variant's own steps, never below its minimum (nor above
 * `maximum`, the stock left). Buttons rather than typing: no decimal keyboard, no off-step values.
 */
export function QuantityStepper(props: {
  label: string;
  valueMilli: number;
  stepMilli: number;
  minimumMilli: number;
  maximumMilli?: number | null;
  unit: Unit;
  disabled?: boolean;
  onChange: (milli: number) => void;
}) {
  const { label, valueMilli, stepMilli, minimumMilli, maximumMilli, unit, disabled, onChange } = props;
  const t = useT();
  const { lang } = useLang();
  const canAdd = maximumMilli == null || valueMilli + stepMilli <= maximumMilli;
  return (
    <fieldset className="stepper">
      <legend className="visually-hidden">{label}</legend>
      <button
        type="button"
        className="stepper-button"
        aria-label={t('cart.less')}
        disabled={disabled || valueMilli - stepMilli < minimumMilli}
        onClick={() => onChange(valueMilli - stepMilli)}
      >
        −
      </button>
      <output className="stepper-value" aria-live="polite">
        {quantityText(t, lang, valueMilli, unit)}
      </output>
      <button
        type="button"
        className="stepper-button"
        aria-label={t('cart.more')}
        disabled={disabled || !canAdd}
        onClick={() => onChange(valueMilli + stepMilli)}
      >
        +
      </button>
    </fieldset>
  );
}
