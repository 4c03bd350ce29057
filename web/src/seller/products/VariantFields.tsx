import { UNITS, type Unit } from '../../../../src/shared/quantity';
import { SelectField, TextField } from '../../forms';
import { useT } from '../../i18n';
import { unitLabel } from '../../storefront/catalog';
import { newVariant, type VariantDraft, withUnit } from './draft';

type Props = {
  variants: VariantDraft[];
  onChange: (variants: VariantDraft[]) => void;
  /** The message for an API field name such as "variants.0.price". */
  errorFor: (field: string) => string | undefined;
};

/** The variant editor: one block per variant (size, pack, grade), each with its own unit and price. */
export function VariantFields({ variants, onChange, errorFor }: Props) {
  const t = useT();
  const update = (index: number, patch: Partial<VariantDraft>) => onChange(variants.map((v, i) => (i === index ? { ...v, ...patch } : v)));
  const text = (index: number, key: keyof VariantDraft) => (event: { target: { value: string } }) =>
    update(index, { [key]: event.target.value });

  return (
    <fieldset className="choice variant-editor">
      <legend>{t('catalog.variants')}</legend>
      <p className="hint">{t('catalog.variantsHint')}</p>
      {variants.map((variant, index) => {
        const field = (name: string) => errorFor(`variants.${index}.${name}`);
        const unit = unitLabel(t, variant.unit);
        return (
          // Existing variants by id; new ones by position (they have nothing else yet).
          <div key={variant.id ?? `new-${index}`} className={variant.active ? 'card variant-block' : 'card variant-block variant-off'}>
            <TextField
              label={t('catalog.variantName')}
              hint={t('catalog.variantNameHint')}
              value={variant.name}
              onChange={text(index, 'name')}
              error={field('name')}
            />
            <div className="row row-fields">
              <SelectField
                label={t('catalog.unit')}
                value={variant.unit}
                onChange={(event) => update(index, withUnit(variant, event.target.value as Unit))}
                error={field('unit')}
              >
                {UNITS.map((u) => (
                  <option key={u} value={u}>
                    {unitLabel(t, u)}
                  </option>
                ))}
              </SelectField>
              <TextField
                label={t('catalog.pricePerUnit', { unit })}
                inputMode="numeric"
                value={variant.price}
                onChange={text(index, 'price')}
                error={field('price')}
              />
            </div>
            <div className="row row-fields">
              <TextField
                label={t('catalog.step', { unit })}
                hint={t('catalog.stepHint')}
                inputMode="decimal"
                value={variant.step}
                onChange={text(index, 'step')}
                error={field('stepMilli')}
              />
              <TextField
                label={t('catalog.minimum', { unit })}
                inputMode="decimal"
                value={variant.minimum}
                onChange={text(index, 'minimum')}
                error={field('minimumMilli')}
              />
            </div>
            <SelectField
              label={t('catalog.stockMode')}
              value={variant.stockMode}
              onChange={(event) => update(index, { stockMode: event.target.value as VariantDraft['stockMode'] })}
              error={field('stockMode')}
            >
              <option value="daily">{t('catalog.stockMode.daily')}</option>
              <option value="counted">{t('catalog.stockMode.counted')}</option>
            </SelectField>
            <div className="row row-fields">
              {variant.stockMode === 'counted' && (
                <TextField
                  label={t('catalog.stock', { unit })}
                  inputMode="decimal"
                  value={variant.stock}
                  onChange={text(index, 'stock')}
                  error={field('stockMilli')}
                />
              )}
              <TextField
                label={t('catalog.weight')}
                hint={t('catalog.weightHint')}
                inputMode="numeric"
                value={variant.weightGrams}
                onChange={text(index, 'weightGrams')}
                error={field('weightGrams')}
              />
            </div>
            <label className="check">
              <input type="checkbox" checked={variant.active} onChange={(event) => update(index, { active: event.target.checked })} />
              {t('catalog.variantActive')}
            </label>
            {variants.length > 1 && (
              <button
                type="button"
                className="button button-small button-secondary"
                onClick={() => onChange(variants.filter((_, i) => i !== index))}
              >
                {t('catalog.removeVariant')}
              </button>
            )}
          </div>
        );
      })}
      <button type="button" className="button button-secondary" onClick={() => onChange([...variants, newVariant(variants.at(-1)?.unit)])}>
        {t('catalog.addVariant')}
      </button>
    </fieldset>
  );
}
