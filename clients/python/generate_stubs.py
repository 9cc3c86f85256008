#!/usr/bin/python3
"""Generates the demos' Python stubs with Debian's grpc_tools (package python3-grpc-tools).

Usage: generate_stubs.py OUT_DIR [--proto-dir DIR] [--common-protos-jar JAR]

user.proto imports google/rpc/status.proto, which neither grpc_tools nor Debian ships. It is read
from Google's proto-google-common-protos jar, which every build of this project downloads
(grpc-protobuf depends on it): by default the newest one in the local Maven repository.
"""

import argparse
import os
import pathlib
import re
import sys
import zipfile

import grpc_tools
from grpc_tools import protoc

REPO_ROOT = pathlib.Path(__file__).resolve().parents[2]
DEMO_PROTOS = ["helloworld.proto", "summator.proto", "user.proto"]
STATUS_PROTO = "google/rpc/status.proto"
COMMON_PROTOS_DIR = pathlib.Path.home() / ".m2/repository/com/google/api/grpc/proto-google-common-protos"


def newest_common_protos_jar():
    jars = COMMON_PROTOS_DIR.glob("*/proto-google-common-protos-*.jar")
    version = lambda jar: [int(part) for part in re.findall(r"\d+", jar.parent.name)]
    found = sorted(jars, key=version)
    if not found:
        sys.exit(f"No proto-google-common-protos jar under {COMMON_PROTOS_DIR}: build the project with"
                 " ./mvnw first, or pass --common-protos-jar.")
    return found[-1]


def main():
    parser = argparse.ArgumentParser(description="Generates the demos' Python stubs.")
    parser.add_argument("out_dir", type=pathlib.Path)
    parser.add_argument("--proto-dir", type=pathlib.Path, default=REPO_ROOT / "src/main/proto")
    parser.add_argument("--common-protos-jar", type=pathlib.Path)
    args = parser.parse_args()

    jar = args.common_protos_jar or newest_common_protos_jar()
    include_dir = args.out_dir / "proto-include"
    include_dir.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(jar) as archive:
        archive.extract(STATUS_PROTO, include_dir)

    wellknown_dir = os.path.join(os.path.dirname(grpc_tools.__file__), "_proto")
    exit_code = protoc.main([
        "grpc_tools.protoc",
        f"-I{args.proto_dir}",
        f"-I{include_dir}",
        f"-I{wellknown_dir}",
        f"--python_out={args.out_dir}",
        f"--grpc_python_out={args.out_dir}",
        *DEMO_PROTOS,
        STATUS_PROTO,
    ])
    if exit_code != 0:
        sys.exit(f"protoc failed with exit code {exit_code}")
    print(f"Stubs for {', '.join(DEMO_PROTOS)} in {args.out_dir}")


if __name__ == "__main__":
    main()
