package main

import "time"

func main() {
	n := 0
	go func() {
		n++
	}()
	time.Sleep(time.Millisecond)
}
