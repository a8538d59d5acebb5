//! The `zonelint` binary: parse arguments, run, map the outcome to an exit code.

fn main() {
    std::process::exit(zonelint::cli::main());
}
