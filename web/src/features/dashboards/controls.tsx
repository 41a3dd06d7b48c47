import { Select } from 'antd';
import { recentMonths } from './months';
import { useDt } from './i18n';

/** The month picker: the current month and the three years before it, newest first. */
export function MonthSelect({ value, onChange }: { value: string; onChange: (month: string) => void }) {
  const dt = useDt();
  const months = recentMonths(36);
  const options = (months.includes(value) ? months : [value, ...months]).map((m) => ({ value: m, label: m }));
  return (
    <div className="dash-field">
      <label className="field-label" htmlFor="dash-month">
        {dt('common.month')}
      </label>
      <Select<string>
        id="dash-month"
        value={value}
        onChange={onChange}
        options={options}
        style={{ width: 140 }}
      />
    </div>
  );
}

/** Which area: offered only when the account may see more than one. */
export function AreaSelect({
  value,
  onChange,
  options,
}: {
  value: string;
  onChange: (area: string) => void;
  options: { value: string; label: string }[];
}) {
  const dt = useDt();
  return (
    <div className="dash-field">
      <label className="field-label" htmlFor="dash-area">
        {dt('common.area')}
      </label>
      <Select<string>
        id="dash-area"
        value={value}
        onChange={onChange}
        options={options}
        style={{ minWidth: 160 }}
      />
    </div>
  );
}
