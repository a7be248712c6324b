/** The lengths an appointment can be booked or rescheduled for. */
export const DURATIONS = [15, 20, 30, 45, 60, 90, 120, 180].map((m) => ({
  value: String(m),
  label:
    m < 60
      ? `${m} minutes`
      : `${m / 60} hour${m === 60 ? '' : 's'}${m % 60 ? ' 30' : ''}`.replace('1 hours 30', '1 h 30 min'),
}));
