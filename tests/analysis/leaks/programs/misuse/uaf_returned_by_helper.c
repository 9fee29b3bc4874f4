#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *reversed(const char *text)
{
    size_t length = strlen(text);
    char *copy = malloc(length + 1);
    if (copy == NULL)
        return NULL;
    for (size_t i = 0; i < length; i++)
        copy[i] = text[length - i - 1];
    copy[length] = '\0';
    free(copy);
    return copy;
}

int main(void)
{
    char *word = reversed("stressed");
    if (word != NULL)
        puts(word);
    return 0;
}
