#!/bin/sh
# The node's two services: the registry in the background, the engine in the foreground. No bridge and no iptables:
# the node pulls only from 127.0.0.1 and runs nothing.
docker-registry serve /etc/servescope/registry.yml > /var/log/servescope-registry.log 2>&1 &
exec dockerd --iptables=false --ip-masq=false --bridge=none --data-root /var/lib/docker \
  > /var/log/servescope-dockerd.log 2>&1
