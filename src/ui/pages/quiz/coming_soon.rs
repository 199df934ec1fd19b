//! `#/quiz/soon/:area`: where "Show me in the sandbox" leads while that part of the console is
//! not built yet (Kinesis Data Analytics, Video Streams). When the console
//! gains the route, [`super::sandbox_href`] links to it directly instead.

use super::href;
use crate::ui::Route;
use yew::prelude::*;

/// The name of the console area behind a link like `firehose-create`.
pub fn area_title(area: &str) -> &'static str {
    match area.split('-').next().unwrap_or("") {
        "firehose" => "Amazon Data Firehose",
        "s3" => "Amazon S3",
        "iam" => "IAM roles",
        "cloudwatch" => "CloudWatch metrics",
        "generator" => "The data generator",
        "labs" => "Guided labs",
        "analytics" => "Kinesis Data Analytics (today: Managed Service for Apache Flink)",
        "video" => "Kinesis Video Streams",
        "streams" => "Kinesis Data Streams",
        _ => "This part of the console",
    }
}

#[derive(Properties, PartialEq)]
pub struct ComingSoonProps {
    pub area: AttrValue,
}

#[component]
pub fn ComingSoon(props: &ComingSoonProps) -> Html {
    let title = area_title(&props.area);
    html! {
        <section class="page" aria-labelledby="soon-title">
            <h1 id="soon-title">{ format!("{title}: coming soon") }</h1>
            <p>{ format!("{title} is not in the sandbox yet, so this question can't be shown live. The explanation and the AWS documentation link on the question tell the whole story meanwhile.") }</p>
            <p>
                <button type="button" onclick={Callback::from(|_: MouseEvent| {
                    let _ = gloo::utils::history().back();
                })}>{ "Back to the question" }</button>
                { " · " }
                <a href={href(Route::Streams)}>{ "Kinesis Data Streams" }</a>
                { " · " }
                <a href={href(Route::Quiz)}>{ "Exam prep" }</a>
            </p>
        </section>
    }
}
