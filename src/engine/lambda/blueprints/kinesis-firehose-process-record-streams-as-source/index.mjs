// For a Firehose stream that reads a Kinesis data stream: each record then also carries
// kinesisRecordMetadata (the shard it came from, its partition key and sequence number, when
// the data stream received it), which this function logs. The records pass on unchanged:
// put your own transformation in the map, and keep each recordId.

export const handler = async (event, context) => {
  const output = event.records.map((record) => {
    const meta = record.kinesisRecordMetadata;
    if (meta) {
      console.log(
        `Record ${record.recordId}: shardId ${meta.shardId}, partitionKey ${meta.partitionKey}, ` +
          `sequenceNumber ${meta.sequenceNumber}, subsequenceNumber ${meta.subsequenceNumber}, ` +
          `approximateArrivalTimestamp ${meta.approximateArrivalTimestamp}`,
      );
    } else {
      console.log(`Record ${record.recordId} has no kinesisRecordMetadata: its source is not a Kinesis data stream.`);
    }
    return {
      recordId: record.recordId,
      result: 'Ok',
      data: record.data,
    };
  });

  console.log(`Processing completed.  Successful records ${output.length}.`);
  return { records: output };
};
