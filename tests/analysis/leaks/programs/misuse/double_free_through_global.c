#include <stdlib.h>
#include <string.h>

static char *pending;

static void flush(void)
{
    char *data = pending;
    free(data);
}

int main(void)
{
    char *data = malloc(8);
    if (data == NULL)
        return 1;
    strcpy(data, "queued");
    free(data);
    pending = data;
    flush();
    return 0;
}
