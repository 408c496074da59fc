/** The read side refused a report's period or time zone: the caller's mistake (a 400). */
export class InvalidReportQueryError extends Error {
  constructor(
    readonly field: 'from' | 'to' | 'tz',
    message: string,
  ) {
    super(message);
    this.name = 'InvalidReportQueryError';
  }
}
