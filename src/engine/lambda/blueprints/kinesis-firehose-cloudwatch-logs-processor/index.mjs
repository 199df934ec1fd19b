// For a Firehose stream fed by a CloudWatch Logs subscription filter. Each record is a gzipped
// JSON batch of log events:
//   {"messageType": "DATA_MESSAGE", "owner": "...", "logGroup": "...", "logStream": "...",
//    "subscriptionFilters": ["..."], "logEvents": [{"id": "...", "timestamp": 0, "message": "..."}]}
// A DATA_MESSAGE becomes its events' messages, each followed by a newline. A CONTROL_MESSAGE
// (CloudWatch Logs checking that it can reach the stream) comes back as ProcessingFailed with
// no data. A record that is not gzipped JSON comes back as ProcessingFailed with its original data.

import { gunzipSync } from 'node:zlib';

export const handler = async (event, context) => {
  let succeeded = 0;
  let failed = 0;
  const output = event.records.map((record) => {
    try {
      const batch = JSON.parse(gunzipSync(Buffer.from(record.data, 'base64')).toString('utf8'));
      if (batch.messageType !== 'DATA_MESSAGE') {
        failed++;
        return { recordId: record.recordId, result: 'ProcessingFailed' };
      }
      const text = batch.logEvents.map((logEvent) => `${logEvent.message}\n`).join('');
      succeeded++;
      return {
        recordId: record.recordId,
        result: 'Ok',
        data: Buffer.from(text, 'utf8').toString('base64'),
      };
    } catch (err) {
      failed++;
      console.log(`Record ${record.recordId} is not a gzipped batch from CloudWatch Logs.`);
      return { recordId: record.recordId, result: 'ProcessingFailed', data: record.data };
    }
  });

  console.log(`Processing completed.  Successful records ${succeeded}, Failed records ${failed}.`);
  return { records: output };
};
