fn main() -> std::process::ExitCode {
    irritrack::cli::main()
}
