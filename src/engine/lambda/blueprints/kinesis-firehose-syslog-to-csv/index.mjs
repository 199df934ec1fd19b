// Turns syslog lines (RFC 3164) into CSV rows of timestamp, hostname, program, process id
// (empty when the line has none) and message, each followed by a newline:
//   Oct 11 22:14:15 mymachine su[230]: 'su root' failed for lonvick on /dev/pts/8
// becomes
//   Oct 11 22:14:15,mymachine,su,230,'su root' failed for lonvick on /dev/pts/8
// A record that is not such a line comes back as ProcessingFailed, with its original data.

const SYSLOG_LINE = /^([A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2}) (\S+) ([^\s:\[]+)(?:\[(\d+)\])?: (.*)/;

export const handler = async (event, context) => {
  let succeeded = 0;
  let failed = 0;
  const output = event.records.map((record) => {
    const line = Buffer.from(record.data, 'base64').toString('ascii');
    const m = SYSLOG_LINE.exec(line);
    if (!m) {
      failed++;
      return { recordId: record.recordId, result: 'ProcessingFailed', data: record.data };
    }
    const row = `${m[1]},${m[2]},${m[3]},${m[4] === undefined ? '' : m[4]},${m[5]}\n`;
    succeeded++;
    return {
      recordId: record.recordId,
      result: 'Ok',
      data: Buffer.from(row, 'utf8').toString('base64'),
    };
  });

  console.log(`Processing completed.  Successful records ${succeeded}, Failed records ${failed}.`);
  return { records: output };
};
