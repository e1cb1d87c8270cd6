"""A foreign instance sharing the credential file: it takes flock(2) on kimi-code.lock, rotates the
refresh token itself at the OAuth server, writes the file atomically (temp file, fsync, rename) and
releases the lock, as another implementation of the same client (e.g. Kimi Code CLI) would.

Driven line by line on stdin; answers one line per command on stdout:
  lock    -> "locked"      (blocks until the exclusive flock is had)
  rotate  -> "rotated <new refresh token>" | "rejected <status>" | "failed <reason>"
  unlock  -> "unlocked"
  exit
Usage: foreign_rotator.py <credentials dir> <oauth host>
"""
import fcntl
import json
import os
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

CLIENT_ID = "17e5f671-d194-4dfb-9706-5516cb48c098"
cred_dir, host = sys.argv[1], sys.argv[2].rstrip("/")
lock_path = os.path.join(cred_dir, "kimi-code.lock")
cred_path = os.path.join(cred_dir, "kimi-code.json")
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
fd = None


def say(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def rotate():
    with open(cred_path, "rb") as f:
        old = json.loads(f.read())
    form = urllib.parse.urlencode({"client_id": CLIENT_ID, "grant_type": "refresh_token",
                                   "refresh_token": old["refresh_token"]}).encode()
    try:
        with opener.open(urllib.request.Request(host + "/api/oauth/token", data=form), timeout=30) as resp:
            grant = json.loads(resp.read())
    except urllib.error.HTTPError as e:
        return "rejected %d" % e.code
    except Exception as e:  # noqa: BLE001 - reported to the test
        return "failed %s" % type(e).__name__
    new = {"access_token": grant["access_token"],
           "refresh_token": grant.get("refresh_token", old["refresh_token"]),
           "expires_at": time.time() + grant["expires_in"],
           "scope": grant.get("scope", old.get("scope")),
           "token_type": grant.get("token_type", "Bearer"),
           "expires_in": grant["expires_in"]}
    tmp_fd, tmp = tempfile.mkstemp(dir=cred_dir, prefix="foreign-", suffix=".part")
    with os.fdopen(tmp_fd, "w") as f:
        json.dump(new, f)
        f.flush()
        os.fsync(f.fileno())
    os.chmod(tmp, 0o600)
    os.replace(tmp, cred_path)
    dir_fd = os.open(cred_dir, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
    return "rotated " + new["refresh_token"]


for line in sys.stdin:
    command = line.strip()
    if command == "lock":
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(fd, fcntl.LOCK_EX)
        say("locked")
    elif command == "rotate":
        say(rotate())
    elif command == "unlock":
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
        fd = None
        say("unlocked")
    elif command == "exit":
        break
    else:
        say("unknown " + command)
