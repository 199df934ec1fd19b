'use strict';

// Turns syslog lines (RFC 3164) into JSON documents, one per record:
//   Oct 11 22:14:15 mymachine su[230]: 'su root' failed for lonvick on /dev/pts/8
// gives timestamp, hostname, program, processid (null when the line has none) and message.
// A record that is not such a line comes back as ProcessingFailed, with its original data.
// No newline is added after each document: Firehose writes the records one after the other.

const SYSLOG_LINE = /^([A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2}) (\S+) ([^\s:\[]+)(?:\[(\d+)\])?: (.*)/;

exports.handler = (event, context, callback) => {
  let succeeded = 0;
  let failed = 0;
  const output = event.records.map((record) => {
    const line = new Buffer(record.data, 'base64').toString('ascii');
    const m = SYSLOG_LINE.exec(line);
    if (!m) {
      failed++;
      return { recordId: record.recordId, result: 'ProcessingFailed', data: record.data };
    }
    const doc = {
      timestamp: m[1],
      hostname: m[2],
      program: m[3],
      processid: m[4] === undefined ? null : m[4],
      message: m[5],
    };
    succeeded++;
    return {
      recordId: record.recordId,
      result: 'Ok',
      data: new Buffer(JSON.stringify(doc), 'utf8').toString('base64'),
    };
  });

  console.log(`Processing completed.  Successful records ${succeeded}, Failed records ${failed}.`);
  callback(null, { records: output });
};
