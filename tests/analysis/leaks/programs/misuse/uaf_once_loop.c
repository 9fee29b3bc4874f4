#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void greet(int mode)
{
    char *line = NULL;
    while (1) {
        line = malloc(16);
        if (line == NULL)
            exit(1);
        strcpy(line, "hello");
        free(line);
        break;
    }
    switch (mode) {
    case 1:
        puts(line);
        break;
    default:
        puts("nothing");
        break;
    }
}

int main(void)
{
    greet(1);
    return 0;
}
