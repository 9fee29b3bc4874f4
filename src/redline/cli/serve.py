"""`redline serve`: the OpenAI-compatible gateway with Redline in front of any LLM."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from redline.cli._common import ConstitutionOption

SERVE_HELP = (
    "Serve an OpenAI-compatible API that checks every request, streams answers through the "
    "output redlines and audits every decision. With no upstream, the built-in redline-analyst "
    "model answers. Settings: --config FILE, then REDLINE_* environment variables, then flags."
)


def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on [127.0.0.1].")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on [8000].")] = None,
    upstream: Annotated[
        str | None,
        typer.Option(help="OpenAI-compatible API to forward to, e.g. http://127.0.0.1:8080/v1."),
    ] = None,
    upstream_key_env: Annotated[
        str | None,
        typer.Option(help="Environment variable holding the upstream's API key."),
    ] = None,
    audit_db: Annotated[
        str | None,
        typer.Option(help="Audit store: a SQLite file [redline-audit.db] or postgresql://..."),
    ] = None,
    audit_text: Annotated[
        bool | None,
        typer.Option("--audit-text/--audit-hash", help="Keep full texts in the audit log."),
    ] = None,
    fail_open: Annotated[
        bool | None,
        typer.Option(
            "--fail-open/--fail-closed",
            help="Serve unchecked when the guard itself fails (logged at every use).",
        ),
    ] = None,
    config: Annotated[
        Path | None, typer.Option("--config", help="TOML configuration file.", show_default=False)
    ] = None,
    constitution: ConstitutionOption = None,
) -> None:
    """Start the gateway and serve until interrupted."""
    import logging

    import uvicorn

    from redline.gateway import create_app, load_config
    from redline.gateway.parts import limit_numeric_threads

    limit_numeric_threads()  # before the guard brings numpy in

    settings = load_config(
        config,
        overrides={
            "server": {"host": host, "port": port, "fail_open": fail_open},
            "upstream": {"url": upstream, "key_env": upstream_key_env},
            "audit": {"db": audit_db, "text": audit_text},
            "output": {"constitution": constitution},
        },
    )
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    gateway = create_app(settings)
    where = settings.upstream.url or "redline-analyst (no upstream)"
    typer.echo(
        f"redline gateway on http://{settings.server.host}:{settings.server.port}/v1 -> {where}; "
        f"audit log: {gateway.state.gateway.audit.location}",
        err=True,
    )
    uvicorn.run(
        gateway,
        host=settings.server.host,
        port=settings.server.port,
        log_level="info",
        access_log=settings.server.access_log,
        ws="none",
        timeout_graceful_shutdown=5,
    )
