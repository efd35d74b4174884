import { useEffect, useState } from 'react';
import { getCpvLabel, type CpvDetail } from '../../api/reference';
import { useLanguage } from '../i18n/use-format';

/** "72000000 IT-tjänster …" in the current language; the bare code until the label has loaded. */
export function CpvLabel({ code, labels }: { code: string; labels?: { sv: string; en: string } }) {
  const language = useLanguage();
  const [detail, setDetail] = useState<CpvDetail | undefined>();
  useEffect(() => {
    if (labels) return;
    let active = true;
    getCpvLabel(code).then(
      (d) => active && setDetail(d),
      () => undefined,
    );
    return () => {
      active = false;
    };
  }, [code, labels]);
  const label = (labels ?? detail?.labels)?.[language];
  return (
    <>
      <span className="bt-code">{code}</span>
      {label ? ` ${label}` : ''}
    </>
  );
}
