#!/usr/bin/python3
"""Calls the demo services over the network with Python's grpcio and checks every answer.

Usage: demo_client.py --stubs DIR [--summator HOST:PORT] [--users HOST:PORT]

--summator is the summator demo (Greeter and Summator), --users the user-service demo; the stubs
are those generate_stubs.py writes. Prints one PASS or FAIL line per check, then
'N passed, N failed', and exits 1 when a check failed.
"""

import argparse
import struct
import sys
import uuid

import grpc

# Long enough for a cold JVM's first call, short enough that a hung server fails the run.
TIMEOUT_SECONDS = 10


class Report:
    """Counts and prints the checks."""

    def __init__(self):
        self.passed = 0
        self.failed = 0

    def record(self, check, ok, detail):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
        print(f"{'PASS' if ok else 'FAIL'} {check}: {detail}", flush=True)

    def expect(self, check, actual, expected):
        detail = repr(actual) if actual == expected else f"expected {expected!r}, got {actual!r}"
        self.record(check, actual == expected, detail)

    def rpc_failed(self, check, error):
        self.record(check, False, f"{error.code().name}: {error.details()}")

    def expect_call(self, check, call, expected):
        """Checks that call() returns expected; an RPC error fails the check."""
        try:
            actual = call()
        except grpc.RpcError as error:
            self.rpc_failed(check, error)
            return
        self.expect(check, actual, expected)


def float32(value):
    """The value as a protobuf float (IEEE single precision) carries it."""
    return struct.unpack("f", struct.pack("f", value))[0]


def channel(address):
    # A proxy from the environment must not stand between this client and a demo.
    return grpc.insecure_channel(address, options=[("grpc.enable_http_proxy", 0)])


def check_summator_demo(address, report):
    import helloworld_pb2
    import helloworld_pb2_grpc
    import summator_pb2
    import summator_pb2_grpc

    with channel(address) as summator_channel:
        greeter = helloworld_pb2_grpc.GreeterStub(summator_channel)
        report.expect_call("/helloworld.Greeter/SayHello name='Ada'",
                           lambda: greeter.SayHello(helloworld_pb2.HelloRequest(name="Ada"),
                                                    timeout=TIMEOUT_SECONDS).message,
                           "Hello Ada")

        summator = summator_pb2_grpc.SummatorStub(summator_channel)
        # 16777216 + 1 stays 16777216: the sum is a float, as in the tutorial, not a double.
        for value1, value2 in [(5, 3), (-2.5, 1), (0.1, 0.2), (16777216, 1)]:
            request = summator_pb2.Number1(value1=value1, value2=value2)
            report.expect_call(f"/Summator/sum {value1} + {value2}",
                               lambda: summator.sum(request, timeout=TIMEOUT_SECONDS).value,
                               float32(float32(value1) + float32(value2)))


def check_user_service_demo(address, report):
    import user_pb2
    import user_pb2_grpc

    # A fresh email, so that runs against a demo that keeps its data do not collide.
    email = f"ada-{uuid.uuid4().hex[:12]}@example.com"
    summary = lambda user: (user.id, user.name, user.email, user_pb2.UserStatus.Name(user.status))
    with channel(address) as users_channel:
        users = user_pb2_grpc.UserServiceStub(users_channel)

        check = "/user.UserService/CreateUser"
        try:
            created = users.CreateUser(user_pb2.CreateUserRequest(name="Ada Lovelace", email=email),
                                       timeout=TIMEOUT_SECONDS).user
        except grpc.RpcError as error:
            report.rpc_failed(check, error)
            return
        report.expect(f"{check} name, email, default status",
                      (created.name, created.email, user_pb2.UserStatus.Name(created.status)),
                      ("Ada Lovelace", email, "USER_STATUS_ACTIVE"))
        report.record(f"{check} assigns an id", bool(created.id), repr(created.id))

        report.expect_call("/user.UserService/GetUser the new id",
                           lambda: summary(users.GetUser(user_pb2.GetUserRequest(user_id=created.id),
                                                         timeout=TIMEOUT_SECONDS).user),
                           summary(created))
        report.expect_call("/user.UserService/StreamUsers streams the new user once",
                           lambda: [response.user.id for response in users.StreamUsers(
                               user_pb2.StreamUsersRequest(), timeout=TIMEOUT_SECONDS)].count(created.id),
                           1)

        check = "/user.UserService/CreateUser the same email"
        try:
            users.CreateUser(user_pb2.CreateUserRequest(name="Ada again", email=email), timeout=TIMEOUT_SECONDS)
            report.record(check, False, "expected ALREADY_EXISTS, the user was created")
        except grpc.RpcError as error:
            ok = error.code() == grpc.StatusCode.ALREADY_EXISTS and email in error.details()
            report.record(check, ok, f"{error.code().name}: {error.details()}")


def main():
    parser = argparse.ArgumentParser(description="Calls the demo services and checks the answers.")
    parser.add_argument("--stubs", required=True, help="the directory generate_stubs.py wrote")
    parser.add_argument("--summator", metavar="HOST:PORT", help="the summator demo: Greeter and Summator")
    parser.add_argument("--users", metavar="HOST:PORT", help="the user-service demo: UserService")
    args = parser.parse_args()
    if not (args.summator or args.users):
        parser.error("give --summator, --users or both")
    sys.path.insert(0, args.stubs)

    report = Report()
    if args.summator:
        check_summator_demo(args.summator, report)
    if args.users:
        check_user_service_demo(args.users, report)
    print(f"{report.passed} passed, {report.failed} failed")
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
