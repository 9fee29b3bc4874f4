#include <cstdio>
#include <cstdlib>
#include <cstring>

class Greeting
{
public:
    explicit Greeting(const char *name);
    ~Greeting();
    void show() const;

private:
    char *text;
};

Greeting::Greeting(const char *name)
{
    text = (char *)malloc(strlen(name) + 8);
    if (text == NULL) {
        exit(1);
    }
    strcpy(text, "hello, ");
    strcat(text, name);
}

Greeting::~Greeting()
{
}

void Greeting::show() const
{
    puts(text);
}

int main()
{
    Greeting greeting("world");
    greeting.show();
    Greeting *again = new Greeting("again");
    again->show();
    delete again;
    return 0;
}
