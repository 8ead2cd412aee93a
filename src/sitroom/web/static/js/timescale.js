// A linear scale over calendar days, with tick labels, for the SVG charts.

const DAY_MS = 86400000;

export function dayNumber(iso) {
  return Math.floor(Date.parse(`${String(iso).slice(0, 10)}T00:00:00Z`) / DAY_MS);
}

export function isoDay(number) {
  return new Date(number * DAY_MS).toISOString().slice(0, 10);
}

export function dayScale(days, x0, x1) {
  const numbers = days.map(dayNumber);
  let lo = Math.min(...numbers);
  let hi = Math.max(...numbers);
  if (lo === hi) { lo -= 3; hi += 3; }
  const pad = Math.max(1, Math.round((hi - lo) * 0.02));
  lo -= pad; hi += pad;
  const scale = (iso) => x0 + ((dayNumber(iso) - lo) / (hi - lo)) * (x1 - x0);
  scale.dayWidth = (x1 - x0) / (hi - lo);
  scale.ticks = () => {
    const span = hi - lo;
    const out = [];
    const first = new Date(lo * DAY_MS);
    let year = first.getUTCFullYear();
    let month = first.getUTCMonth();
    const step = span > 1500 ? 12 : span > 500 ? 6 : span > 120 ? 1 : 0;
    if (step === 0) {
      for (let d = lo; d <= hi; d += Math.max(1, Math.round(span / 8))) out.push(isoDay(d));
      return out;
    }
    for (;;) {
      month += 1;
      if (month > 11) { month = 0; year += 1; }
      if (month % step !== 0) continue;
      const iso = `${year}-${String(month + 1).padStart(2, "0")}-01`;
      if (dayNumber(iso) > hi) break;
      out.push(iso);
    }
    return out;
  };
  return scale;
}
