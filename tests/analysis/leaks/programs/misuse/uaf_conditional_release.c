#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void report(int verbose)
{
    char *message = NULL;
    if (verbose) {
        message = malloc(32);
        if (message == NULL)
            exit(1);
        strcpy(message, "verbose");
        free(message);
    } else {
        message = malloc(32);
        if (message == NULL)
            exit(1);
        strcpy(message, "quiet");
    }
    puts(message);
}

int main(int argc, char **argv)
{
    (void)argv;
    report(argc > 0);
    report(argc < 0);
    return 0;
}
