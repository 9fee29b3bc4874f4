#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void show(char **holder)
{
    char *text = *holder;
    puts(text);
}

int main(void)
{
    char *text = malloc(16);
    if (text == NULL)
        return 1;
    strcpy(text, "shown");
    free(text);
    show(&text);
    return 0;
}
