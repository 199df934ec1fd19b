// Each sensor reading (a JSON object) becomes one CSV line: sensorId,currentTemperature,status.
// A record that is not JSON comes back as ProcessingFailed, so Firehose writes it under
// processing-failed/ in the bucket instead of delivering it.
export const handler = async (event) => {
  let failed = 0;
  const records = event.records.map((record) => {
    const text = Buffer.from(record.data, 'base64').toString('utf8');
    let reading;
    try {
      reading = JSON.parse(text);
    } catch (e) {
      failed += 1;
      console.log(`Not JSON, so not transformed: ${text}`);
      return { recordId: record.recordId, result: 'ProcessingFailed', data: record.data };
    }
    const line = `${reading.sensorId},${reading.currentTemperature},${reading.status}\n`;
    return { recordId: record.recordId, result: 'Ok', data: Buffer.from(line, 'utf8').toString('base64') };
  });
  console.log(`Transformed ${records.length - failed} records; ${failed} failed.`);
  return { records };
};
