// Turns Apache access-log lines (Common Log Format, with the time zone) into CSV rows:
//   127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326
// becomes
//   127.0.0.1,-,frank,10/Oct/2000:13:55:36 -0700,GET /apache_pb.gif HTTP/1.0,200,2326
// followed by a newline. A record that is not such a line comes back as ProcessingFailed,
// with its original data.

const APACHE_LINE = /^([\d.]+) (\S+) (\S+) \[([\w:/]+\s[\+\-]\d{4})\] "(.+?)" (\d{3}) (\d+)/;

export const handler = async (event, context) => {
  let succeeded = 0;
  let failed = 0;
  const output = event.records.map((record) => {
    const line = Buffer.from(record.data, 'base64').toString('utf8');
    const m = APACHE_LINE.exec(line);
    if (!m) {
      failed++;
      return { recordId: record.recordId, result: 'ProcessingFailed', data: record.data };
    }
    const row = `${m[1]},${m[2]},${m[3]},${m[4]},${m[5]},${m[6]},${m[7]}\n`;
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
