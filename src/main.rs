#[cfg(target_arch = "wasm32")]
fn main() {
    kinesis_sandbox::host::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Kinesis Sandbox is a web page: build it with `make serve` or `make dist`.");
}
