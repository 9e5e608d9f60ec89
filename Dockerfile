# syntax=docker/dockerfile:1
# touchbase in a container: a build stage compiles the binary, the final
# image holds only that binary on a minimal base (glibc, CA certificates,
# no shell) and runs it as a non-root user.
#
#   docker build -t touchbase .
#   docker run --rm --user "$(id -u):$(id -g)" -v "$PWD:/site" touchbase build --root /site
#
# The site folder is mounted at /site; the output lands in its output_dir
# (public/ by default), owned by the user given with --user.

FROM rust:1.95-slim-bookworm AS build
WORKDIR /src
COPY Cargo.toml Cargo.lock build.rs ./
COPY src ./src
COPY themes ./themes
COPY scaffold ./scaffold
ENV CARGO_PROFILE_RELEASE_STRIP=symbols
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked --bin touchbase \
    && cp target/release/touchbase /usr/local/bin/touchbase

FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=build /usr/local/bin/touchbase /usr/local/bin/touchbase
USER nonroot:nonroot
WORKDIR /site
EXPOSE 1111
ENTRYPOINT ["/usr/local/bin/touchbase"]
CMD ["build", "--root", "/site"]
