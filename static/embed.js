/*
 * Kinesis Sandbox, embed.js: for a course page that embeds the sandbox.
 *
 * Mark each sandbox frame with the attribute data-kinesis-sandbox:
 *
 *   <iframe src="https://example.org/kinesis/#/labs/create-stream/step/1?embed=1"
 *           data-kinesis-sandbox title="Kinesis Sandbox lab" width="100%" height="720"
 *           style="border:0" allow="clipboard-write"></iframe>
 *   <script src="https://example.org/kinesis/embed.js"></script>
 *
 * This script listens to the messages those frames post (and only those: a message is taken
 * only when it comes from the window of an iframe[data-kinesis-sandbox] and its type starts
 * with "kinesis-sandbox:"). On "kinesis-sandbox:resize" it sets the frame's height to the
 * content's, so the lab never scrolls inside the course page. Every message is then
 * re-dispatched on the frame as a DOM event named "kinesis-sandbox" (it bubbles), whose
 * detail is the message itself:
 *
 *   document.addEventListener("kinesis-sandbox", function (e) {
 *     if (e.detail.type === "kinesis-sandbox:lab-completed") { ... e.detail.lab ... }
 *   });
 *
 * Frames added after this script runs are found too. Loading the script twice is harmless.
 */
(function () {
  "use strict";
  if (window.kinesisSandboxEmbed) return;
  window.kinesisSandboxEmbed = true;

  var PREFIX = "kinesis-sandbox:";

  function frameOf(source) {
    if (!source) return null;
    var frames = document.querySelectorAll("iframe[data-kinesis-sandbox]");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === source) return frames[i];
    }
    return null;
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || typeof data !== "object" || typeof data.type !== "string") return;
    if (data.type.indexOf(PREFIX) !== 0) return;
    var frame = frameOf(event.source);
    if (!frame) return;
    if (data.type === PREFIX + "resize" && typeof data.height === "number" && data.height > 0) {
      frame.style.height = Math.ceil(data.height) + "px";
    }
    var detail = {};
    for (var key in data) {
      if (Object.prototype.hasOwnProperty.call(data, key)) detail[key] = data[key];
    }
    var custom;
    if (typeof window.CustomEvent === "function") {
      custom = new CustomEvent("kinesis-sandbox", { detail: detail, bubbles: true });
    } else {
      custom = document.createEvent("CustomEvent");
      custom.initCustomEvent("kinesis-sandbox", true, false, detail);
    }
    frame.dispatchEvent(custom);
  });
})();
