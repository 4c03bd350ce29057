import { SelectField } from '../forms';
import { useT } from '../i18n';
import { useAreas } from './api';

export type AreaChoice = { district: string; areaCode: string };

/**
 * District, then village: the area code of an address, from the regency's official list
 * (the server lists the districts of this tenant's regency). Shared by seller applications
 * and the buyer's checkout.
 */
export function AreaPicker({ value, onChange, error }: { value: AreaChoice; onChange: (next: AreaChoice) => void; error?: string }) {
  const t = useT();
  const districts = useAreas(null);
  const villages = useAreas(value.district);
  return (
    <div className="row row-fields">
      <SelectField
        label={t('sellers.district')}
        value={value.district}
        onChange={(event) => onChange({ district: event.target.value, areaCode: '' })}
        disabled={!districts.data}
      >
        <option value="">{districts.isPending ? t('common.loading') : t('sellers.choose')}</option>
        {districts.data?.areas.map((area) => (
          <option key={area.code} value={area.code}>
            {area.name}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('sellers.village')}
        value={value.areaCode}
        onChange={(event) => onChange({ ...value, areaCode: event.target.value })}
        error={error}
        disabled={!value.district || !villages.data}
      >
        <option value="">{t('sellers.choose')}</option>
        {villages.data?.areas.map((area) => (
          <option key={area.code} value={area.code}>
            {area.name}
          </option>
        ))}
      </SelectField>
    </div>
  );
}
