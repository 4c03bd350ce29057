import { CATEGORIES } from '../../../src/modules/catalog/taxonomy';
import type { Market, Program } from '../api';
import { SelectField, TextField } from '../forms';
import { useLang, useT } from '../i18n';
import { AreaPicker } from './AreaPicker';
import { payoutMethods, stallTypes } from './api';
import type { Draft, TextKey } from './draft';

// The inputs of a seller application, shared by the seller's own form and the staff form
// that registers a market trader. Field names match the server's, so its errors land here.

export type FieldsProps = {
  draft: Draft;
  set: (key: TextKey) => (event: { target: { value: string } }) => void;
  errorFor: (field: string) => string | undefined;
};

export function ProgramField({ draft, set, errorFor, programs, disabled }: FieldsProps & { programs: Program[]; disabled?: boolean }) {
  const t = useT();
  return (
    <SelectField
      label={t('sellers.program')}
      value={draft.programId}
      onChange={set('programId')}
      error={errorFor('programId')}
      disabled={disabled}
    >
      <option value="">{t('sellers.choose')}</option>
      {programs.map((program) => (
        <option key={program.id} value={program.id}>
          {program.name}
        </option>
      ))}
    </SelectField>
  );
}

export function IdentityFields({ draft, set, errorFor }: FieldsProps) {
  const t = useT();
  const trader = draft.kind === 'trader';
  return (
    <>
      <TextField
        label={t('sellers.businessName')}
        hint={t(trader ? 'sellers.businessNameTraderHint' : 'sellers.businessNameHint')}
        value={draft.businessName}
        onChange={set('businessName')}
        error={errorFor('businessName')}
      />
      <TextField
        label={t('sellers.ownerName')}
        autoComplete="name"
        value={draft.ownerName}
        onChange={set('ownerName')}
        error={errorFor('ownerName')}
      />
      <TextField
        label={t(trader ? 'sellers.nikOptional' : 'sellers.nik')}
        hint={t('sellers.nikHint')}
        inputMode="numeric"
        value={draft.nik}
        onChange={set('nik')}
        error={errorFor('nik')}
      />
    </>
  );
}

function CategoryField({ draft, set, errorFor }: FieldsProps) {
  const t = useT();
  const { lang } = useLang();
  return (
    <SelectField label={t('sellers.category')} value={draft.categorySlug} onChange={set('categorySlug')} error={errorFor('categorySlug')}>
      <option value="">{t('sellers.choose')}</option>
      {CATEGORIES.map((category) => (
        <option key={category.slug} value={category.slug}>
          {category[lang]}
        </option>
      ))}
    </SelectField>
  );
}

export function UmkmFields(props: FieldsProps) {
  const t = useT();
  const { draft, set, errorFor } = props;
  return (
    <>
      <CategoryField {...props} />
      <TextField
        label={t('sellers.nib')}
        hint={t('sellers.nibHint')}
        inputMode="numeric"
        value={draft.nib}
        onChange={set('nib')}
        error={errorFor('nib')}
      />
      <TextField
        label={t('sellers.npwp')}
        hint={t('sellers.npwpHint')}
        inputMode="numeric"
        value={draft.npwp}
        onChange={set('npwp')}
        error={errorFor('npwp')}
      />
      <TextField
        label={t('field.address')}
        hint={t('sellers.addressHint')}
        autoComplete="street-address"
        value={draft.address}
        onChange={set('address')}
        error={errorFor('address')}
      />
      <AreaPicker
        value={{ district: draft.district, areaCode: draft.areaCode }}
        onChange={(next) => {
          set('district')({ target: { value: next.district } });
          set('areaCode')({ target: { value: next.areaCode } });
        }}
        error={errorFor('areaCode')}
      />
    </>
  );
}

export function TraderFields(props: FieldsProps & { markets: Market[] }) {
  const t = useT();
  const { draft, set, errorFor, markets } = props;
  return (
    <>
      <SelectField label={t('sellers.market')} value={draft.marketId} onChange={set('marketId')} error={errorFor('marketId')}>
        <option value="">{t('sellers.choose')}</option>
        {markets.map((market) => (
          <option key={market.id} value={market.id}>
            {market.name}
          </option>
        ))}
      </SelectField>
      <div className="row row-fields">
        <SelectField label={t('sellers.stallType')} value={draft.stallType} onChange={set('stallType')} error={errorFor('stallType')}>
          {stallTypes.map((type) => (
            <option key={type} value={type}>
              {t(`sellers.stall.${type}`)}
            </option>
          ))}
        </SelectField>
        <TextField label={t('sellers.stallBlock')} value={draft.stallBlock} onChange={set('stallBlock')} error={errorFor('stallBlock')} />
        <TextField
          label={t('sellers.stallNumber')}
          value={draft.stallNumber}
          onChange={set('stallNumber')}
          error={errorFor('stallNumber')}
        />
      </div>
      <TextField
        label={t('sellers.commodities')}
        hint={t('sellers.commoditiesHint')}
        value={draft.commodities}
        onChange={set('commodities')}
        error={errorFor('commodities')}
      />
      <TextField
        label={t('sellers.marketDays')}
        hint={t('sellers.marketDaysHint')}
        value={draft.marketDays}
        onChange={set('marketDays')}
        error={errorFor('marketDays')}
      />
      <CategoryField {...props} />
    </>
  );
}

/** Where the seller's money goes: bank account, e-wallet number, or cash picked up. */
export function PayoutFields({ draft, set, errorFor }: FieldsProps) {
  const t = useT();
  const ewallet = draft.payoutMethod === 'ewallet';
  return (
    <>
      <SelectField label={t('sellers.payout')} value={draft.payoutMethod} onChange={set('payoutMethod')} error={errorFor('payout.method')}>
        {payoutMethods.map((method) => (
          <option key={method} value={method}>
            {t(`sellers.payout.${method}`)}
          </option>
        ))}
      </SelectField>
      {draft.payoutMethod !== 'cash' && (
        <>
          <TextField
            label={t(ewallet ? 'sellers.payoutWallet' : 'sellers.payoutBank')}
            hint={t(ewallet ? 'sellers.payoutWalletHint' : 'sellers.payoutBankHint')}
            value={draft.payoutProvider}
            onChange={set('payoutProvider')}
            error={errorFor('payout.provider')}
          />
          <TextField
            label={t(ewallet ? 'sellers.payoutPhone' : 'sellers.payoutAccount')}
            inputMode="numeric"
            value={draft.payoutAccount}
            onChange={set('payoutAccount')}
            error={errorFor('payout.account')}
          />
          <TextField
            label={t('sellers.payoutName')}
            value={draft.payoutName}
            onChange={set('payoutName')}
            error={errorFor('payout.name')}
          />
        </>
      )}
    </>
  );
}
