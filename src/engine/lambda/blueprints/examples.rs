//! Functions the labs write (not console blueprints): the JavaScript a lab asks the learner to
//! deploy, and its port, so that a lab replayed without a browser still runs it.

use serde_json::{json, Value};

use super::js::{self, property, template};
use super::{Blueprint, HandlerError};

/// `sensor-to-csv`: the "Transform records with AWS Lambda" lab's function.
pub const SENSOR_TO_CSV: Blueprint = Blueprint {
    id: "sensor-to-csv",
    title: "Sensor readings to CSV",
    description: "The lab's transformation: each JSON sensor reading becomes one CSV line; a \
                  record that is not JSON is ProcessingFailed.",
    file_name: "index.mjs",
    handler: "index.handler",
    source: include_str!("examples/sensor-to-csv/index.mjs"),
    run: sensor_to_csv,
};

fn sensor_to_csv(event: &Value, logs: &mut Vec<String>) -> Result<Value, HandlerError> {
    let mut failed = 0;
    let mut output = Vec::new();
    for record in js::records(event)? {
        let id = property(record, "recordId")?;
        let data = property(record, "data")?;
        let text = js::utf8(&js::base64_decode(js::buffer_source(data)?));
        let Ok(reading) = serde_json::from_str::<Value>(&text) else {
            failed += 1;
            logs.push(format!("Not JSON, so not transformed: {text}"));
            output.push(js::output_record(id, "ProcessingFailed", data.cloned()));
            continue;
        };
        let line = format!(
            "{},{},{}\n",
            template(property(&reading, "sensorId")?),
            template(property(&reading, "currentTemperature")?),
            template(property(&reading, "status")?),
        );
        let encoded = Value::String(js::base64_encode(line.as_bytes()));
        output.push(js::output_record(id, "Ok", Some(encoded)));
    }
    logs.push(format!(
        "Transformed {} records; {failed} failed.",
        output.len() - failed
    ));
    Ok(json!({ "records": output }))
}
