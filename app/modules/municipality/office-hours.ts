/** Office hours as stored ("1,2,3,4,5", "09:00", "15:00") read into weekday numbers and times. */
export function officeHours(m: { officeDays: string; officeOpens: string; officeCloses: string }) {
  const days = m.officeDays
    .split(",")
    .map((d) => Number(d.trim()))
    .filter((d) => Number.isInteger(d) && d >= 1 && d <= 7);
  return { days, opens: m.officeOpens, closes: m.officeCloses };
}
