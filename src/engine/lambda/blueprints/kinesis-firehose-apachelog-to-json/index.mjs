// Turns Apache access-log lines (Common Log Format) into JSON documents, one per record:
//   127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326
// A record that is not such a line comes back as ProcessingFailed, with its original data.
// No newline is added after each document: Firehose writes the records one after the other.

const APACHE_LINE = /^([\d.]+) (\S+) (\S+) \[([\w:/]+)(\s[\+\-]\d{4}){0,1}\] "(.+?)" (\d{3}) (\d+)/;
const LOG_TIME = /^(\d{2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}):(\d{2}):(\d{2})$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// "10/Oct/2000:13:55:36" at "-0700" → the time as written, with its offset, and the same
// instant in UTC; null when it is no real date.
function timestamps(logTime, zone) {
  const t = LOG_TIME.exec(logTime);
  if (!t) return null;
  const [, dd, mon, yyyy, hh, mi, ss] = t;
  const year = Number(yyyy);
  const month = MONTHS.indexOf(mon);
  const day = Number(dd);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (month < 0 || day < 1 || day > monthDays[month] || Number(hh) > 23 || Number(mi) > 59 || Number(ss) > 59) {
    return null;
  }
  const sign = zone[0] === '-' ? -1 : 1;
  const offsetMinutes = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5)));
  const written = new Date(Date.UTC(2000, month, day, Number(hh), Number(mi), Number(ss)));
  written.setUTCFullYear(year);
  const utc = new Date(written.getTime() - offsetMinutes * 60000);
  if (utc.getUTCFullYear() < 0 || utc.getUTCFullYear() > 9999) return null;
  return {
    local: `${yyyy}-${String(month + 1).padStart(2, '0')}-${dd}T${hh}:${mi}:${ss}${zone.slice(0, 3)}:${zone.slice(3)}`,
    utc: utc.toISOString(),
  };
}

export const handler = async (event, context) => {
  let succeeded = 0;
  let failed = 0;
  const output = event.records.map((record) => {
    const line = Buffer.from(record.data, 'base64').toString('utf8');
    const match = APACHE_LINE.exec(line);
    // Without an offset in the line, the time is taken to be UTC.
    const zone = match && match[5] !== undefined ? match[5].slice(1) : '+0000';
    const time = match && timestamps(match[4], zone);
    if (!time) {
      failed++;
      return { recordId: record.recordId, result: 'ProcessingFailed', data: record.data };
    }
    const doc = {
      host: match[1],
      ident: match[2],
      authuser: match[3],
      '@timestamp': time.local,
      '@timestamp_utc': time.utc,
      timezone: zone,
      verb: match[6].split(' ')[0],
      request: match[6],
      response: Number(match[7]),
      bytes: Number(match[8]),
    };
    succeeded++;
    return {
      recordId: record.recordId,
      result: 'Ok',
      data: Buffer.from(JSON.stringify(doc), 'utf8').toString('base64'),
    };
  });

  console.log(`Processing completed.  Successful records ${succeeded}, Failed records ${failed}.`);
  return { records: output };
};
