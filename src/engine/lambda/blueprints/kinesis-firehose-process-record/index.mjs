// Amazon Data Firehose sends this function a batch of records and waits for all of them back.
// Every record returned keeps its recordId and carries a result:
//   'Ok'                transformed; `data` is the new content, base64-encoded
//   'Dropped'           left out on purpose (it counts as a success)
//   'ProcessingFailed'  could not be transformed; Firehose writes the original record to the
//                       processing-failed/ error output in S3
// This one passes every record on unchanged: put your own transformation in the map.

export const handler = async (event, context) => {
  const output = event.records.map((record) => {
    // To work on the content, decode it, and encode the result again:
    //   const text = Buffer.from(record.data, 'base64').toString('utf8');
    //   data: Buffer.from(newText, 'utf8').toString('base64')
    return {
      recordId: record.recordId,
      result: 'Ok',
      data: record.data,
    };
  });

  console.log(`Processing completed.  Successful records ${output.length}.`);
  return { records: output };
};
