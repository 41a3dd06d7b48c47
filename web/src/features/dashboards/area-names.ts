import { useDistricts } from '../reference/api';
import { useDt } from './i18n';
import { CITY } from './scope';

/** Area names: "全市" / the district's name for the page; "湛江" / the name for file names. */
export function useAreaNames() {
  const dt = useDt();
  const districts = useDistricts();
  const byCode = new Map((districts.data ?? []).map((r) => [r.code, r.name]));
  return {
    label: (code: string) => (code === CITY ? dt('common.city') : (byCode.get(code) ?? code)),
    // Files keep Chinese names whatever the UI language (the region list is Chinese).
    file: (code: string) => (code === CITY ? '湛江' : (byCode.get(code) ?? code)),
  };
}
