// SPDX-License-Identifier: GPL-2.0
/*
 * nitro-audit-set 0|1: switch the kernel's audit subsystem off or on, as
 * `auditctl -e` does, for selftests/api.sh in a VM that has no auditd.
 * Test-only; built static next to nitroctl, not installed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/audit.h>
#include <linux/netlink.h>

int main(int argc, char **argv)
{
	struct {
		struct nlmsghdr nlh;
		struct audit_status s;
	} req = {};
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	char buf[512];
	struct nlmsghdr *nlh = (void *)buf;
	ssize_t n;
	int fd;

	if (argc != 2 || (strcmp(argv[1], "0") && strcmp(argv[1], "1"))) {
		fprintf(stderr, "usage: nitro-audit-set 0|1\n");
		return 2;
	}
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_AUDIT);
	if (fd < 0) {
		perror("nitro-audit-set: socket");
		return 1;
	}
	req.nlh.nlmsg_len = sizeof(req);
	req.nlh.nlmsg_type = AUDIT_SET;
	req.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	req.nlh.nlmsg_seq = 1;
	req.s.mask = AUDIT_STATUS_ENABLED;
	req.s.enabled = atoi(argv[1]);
	if (sendto(fd, &req, sizeof(req), 0, (struct sockaddr *)&kernel,
		   sizeof(kernel)) != sizeof(req)) {
		perror("nitro-audit-set: send");
		return 1;
	}
	n = recv(fd, buf, sizeof(buf), 0);
	close(fd);
	if (n < (ssize_t)sizeof(*nlh) || nlh->nlmsg_type != NLMSG_ERROR) {
		fprintf(stderr, "nitro-audit-set: no acknowledgement\n");
		return 1;
	}
	if (((struct nlmsgerr *)NLMSG_DATA(nlh))->error) {
		errno = -((struct nlmsgerr *)NLMSG_DATA(nlh))->error;
		perror("nitro-audit-set");
		return 1;
	}
	return 0;
}
